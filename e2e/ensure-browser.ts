// Runs before the journeys (`npm run test:e2e`): makes sure there is a browser to run them in,
// so the README's test command works on a fresh machine. Debian's Chromium when we are root
// with apt (Playwright cannot download its own browser on every network), else Playwright's own
// download; when neither works, one line says what to run.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { SYSTEM_CHROMIUM } from "./settings";

function haveBrowser() {
  if (fs.existsSync(SYSTEM_CHROMIUM)) return true;
  try {
    return fs.existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

function run(command: string) {
  console.log(`> ${command}`);
  try {
    execSync(command, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return true;
  } catch {
    return false;
  }
}

if (!haveBrowser()) {
  console.log("No browser for the end-to-end journeys yet: getting one.");
  const root = process.getuid?.() === 0;
  const apt = root && fs.existsSync("/usr/bin/apt-get");
  if (apt) {
    // --reinstall also brings back a binary that was removed while the package stayed.
    run("apt-get update -q && apt-get install -y -q --no-install-recommends --reinstall chromium");
  } else {
    run("npx playwright install chromium");
  }
  if (!haveBrowser()) {
    console.error(
      apt
        ? "No browser for the journeys: install Debian's Chromium (`apt-get install chromium`) and run the tests again."
        : "No browser for the journeys: run `npx playwright install chromium` (or install Chromium at /usr/bin/chromium) and run the tests again.",
    );
    process.exit(1);
  }
}
