import fs from "node:fs";
// Shared by playwright.config.ts, the web server it starts and the fixtures.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATABASE_URL = "file:data/e2e/jishi.db";
export const E2E_SESSION_SECRET = "e2e-session-secret-not-for-production";

// Debian's Chromium when it is installed (Playwright cannot download its own browser on every
// machine); Playwright's own browser elsewhere (`npx playwright install chromium`).
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
export const launchOptions = fs.existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    }
  : {};
