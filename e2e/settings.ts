// Shared by playwright.config.ts, the web server it starts and the fixtures.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATABASE_URL = "file:data/e2e/jishi.db";
export const E2E_SESSION_SECRET = "e2e-session-secret-not-for-production";
