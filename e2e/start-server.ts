// Playwright's web server: builds the app and starts the compiled server, as production runs it,
// on a fresh, seeded database of its own, so that journeys start from the same demo data every
// run. With E2E_APP_DIR it starts the app installed there instead (already built, dev
// dependencies pruned: `npm run test:production`).
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed, seedOperations, seedRegulars } from "../db/seed";
import { E2E_DATABASE_URL } from "./settings";

const dir = path.dirname(E2E_DATABASE_URL.slice("file:".length));
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const appDir = process.env.E2E_APP_DIR;
if (!appDir) execSync("npm run build", { stdio: "inherit" });

const db = createDb(E2E_DATABASE_URL);
await migrateToLatest(db);
await seed(db);
await seedRegulars(db);
await seedOperations(db);
await db.destroy();

// The server as `npm run serve` starts it, on the database seeded above.
const app = spawn(process.execPath, ["--enable-source-maps", "build/server/server.js"], {
  cwd: appDir ?? process.cwd(),
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: `file:${path.resolve(E2E_DATABASE_URL.slice(5))}` },
});
const stop = () => app.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.on("exit", (code) => process.exit(code ?? 0));
