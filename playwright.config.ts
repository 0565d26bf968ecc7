import { defineConfig, devices } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATABASE_URL,
  E2E_PORT,
  E2E_SESSION_SECRET,
  launchOptions,
} from "./e2e/settings";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  reporter: "list",
  timeout: 30_000,
  use: {
    baseURL: E2E_BASE_URL,
    locale: "zh-CN",
    trace: "retain-on-failure",
    // The offline journeys (e2e/offline.spec.ts) let the app's service worker run; elsewhere a
    // page's requests go to the server as the journeys expect.
    serviceWorkers: "block",
    launchOptions,
  },
  projects: process.env.SCREENSHOTS
    ? [{ name: "screenshots", testMatch: "**/*.shots.ts", use: { launchOptions } }]
    : [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    command: "npx tsx e2e/start-server.ts",
    url: `${E2E_BASE_URL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(E2E_PORT),
      APP_URL: E2E_BASE_URL,
      DATABASE_URL: E2E_DATABASE_URL,
      SESSION_SECRET: E2E_SESSION_SECRET,
      // Journeys sign up many vendors from one address; the limits are tested in Vitest.
      RATE_LIMITS: "off",
      UPLOAD_DIR: "data/e2e/uploads",
      // The journeys must pass on a machine with little disk left.
      UPLOAD_MIN_FREE_MB: "20",
    },
  },
});
