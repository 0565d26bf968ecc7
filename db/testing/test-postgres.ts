// `npm run test:postgres`: the integration suite (models, routes, database) once more, on the
// PostgreSQL server that TEST_POSTGRES_URL names (`.ci/postgres start` makes a throw-away one).
// Without TEST_POSTGRES_URL it says so and passes: SQLite is the engine every machine has.
import { spawnSync } from "node:child_process";

if (!process.env.TEST_POSTGRES_URL) {
  console.log("TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped (see README, Testing).");
} else {
  const run = spawnSync("npx", ["vitest", "run", "app/models", "app/routes", "app/utils", "db"], {
    stdio: "inherit",
    env: { ...process.env, TEST_ENGINE: "postgres" },
  });
  process.exitCode = run.status ?? 1;
}
