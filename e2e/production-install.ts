// `npm run test:production`: installs the app as a server would (`npm ci`, build,
// `npm prune --omit=dev`) in a copy of this checkout, starts that copy, and runs the journeys that
// save a layout and book stalls against it. A runtime import left among the dev dependencies
// fails here rather than on a county's server.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-production-"));
const sh = (command: string, cwd = dir, env: NodeJS.ProcessEnv = process.env) => {
  console.log(`[${cwd === dir ? "production copy" : "checkout"}] ${command}`);
  execSync(command, { cwd, stdio: "inherit", env });
};

try {
  // The files git knows (committed or not, ignored ones left out), as a fresh clone would have.
  const files = execSync("git ls-files -z --cached --others --exclude-standard", {
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f && fs.existsSync(f));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(file, path.join(dir, file));
  }
  const quiet = "--no-audit --no-fund";
  sh(`npm ci ${quiet}`);
  sh("npm run build");
  sh(`npm prune --omit=dev ${quiet}`);
  if (fs.existsSync(path.join(dir, "node_modules/@remix-run/dev"))) {
    throw new Error("npm prune left the dev dependencies in place");
  }
  sh(
    "npx playwright test e2e/layouts.spec.ts e2e/booking.spec.ts e2e/page-bytes.spec.ts",
    process.cwd(),
    {
      ...process.env,
      E2E_APP_DIR: dir,
    },
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
