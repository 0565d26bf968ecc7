// The limits as a browser meets them: the built app with rate limits on (the shared journey
// server runs with them off), on a database of its own. A page answering 429 carries
// Retry-After, as the README promises.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../db/seed";
import { createApprovedVendor } from "../db/testing/factories";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { startApp, stopApp, waitForApp } from "./app-server";
import { E2E_SESSION_SECRET } from "./settings";

const PORT = 3114;
const DIR = "data/e2e/limits";
const BASE = `http://127.0.0.1:${PORT}`;

test("a page that refuses for too many tries says when to come back (Retry-After)", async ({
  request,
}) => {
  test.setTimeout(120_000);
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const url = `file:${DIR}/jishi.db`;
  const db = createDb(url);
  let app: ChildProcess | undefined;
  try {
    await migrateToLatest(db);
    await seed(db);
    const { userId } = await createApprovedVendor(db);
    const { id } = await createSession(db, { userId, userAgent: "playwright", now: new Date() });
    const cookie = (await makeSessionCookie([E2E_SESSION_SECRET]).serialize(id)).split(";")[0]!;
    await db.destroy();
    app = startApp(PORT, {
      DATABASE_URL: url,
      SESSION_SECRET: E2E_SESSION_SECRET,
      UPLOAD_DIR: `${DIR}/uploads`,
      RATE_LIMITS: "on",
    });
    await waitForApp(PORT);

    // Failed logins from one address: the eleventh in a minute is refused.
    let login;
    for (let i = 0; i < 11; i++)
      login = await request.post(`${BASE}/login`, {
        form: { identifier: `nobody${i}@jishi.example`, password: "wrong-password" },
        headers: { "Accept-Language": "zh-CN" },
      });
    expect(login!.status()).toBe(429);
    expect(Number(login!.headers()["retry-after"])).toBeGreaterThan(0);
    expect(login!.headers()["content-type"]).toContain("text/html");
    expect(await login!.text()).toContain("尝试次数太多");

    // Booking tries by one vendor: the thirty-first in a minute is refused.
    let book;
    for (let i = 0; i < 31; i++)
      book = await request.post(`${BASE}/book/fuxin-community`, {
        form: { stallId: "1", localDate: "2026-01-01", sessionKey: "x", key: `try-${i}-xxxxxxxx` },
        headers: { Cookie: cookie },
        maxRedirects: 0,
      });
    expect(book!.status()).toBe(429);
    expect(Number(book!.headers()["retry-after"])).toBeGreaterThan(0);
    expect(book!.headers()["content-type"]).toContain("text/html");
  } finally {
    if (app) await stopApp(app);
    await db.destroy().catch(() => {});
  }
});
