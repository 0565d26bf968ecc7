// Nothing is lost when the server dies with messages on their way (issue 15): the built app
// sends SMS through the local stand-in for Alibaba Cloud, which takes its time answering; the
// server is killed (SIGKILL, every process) while sends are in flight, started again, and every
// message ends sent. Messages the provider had already taken when the server died may go out a
// second time after the hold runs out (at least once: docs/decisions/018-sms.md), never more.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../db/seed";
import { createApprovedVendor } from "../db/testing/factories";
import { enqueueSms } from "../app/models/outbox.server";
import { SMS_KINDS } from "../app/domain/sms-templates";
import { processTree, startApp, stopApp, waitForApp } from "./app-server";
import { LOCAL_KEYS, startSmsProvider } from "./sms-provider";
import { E2E_SESSION_SECRET } from "./settings";

const PORT = 3117;
const DIR = path.resolve("data/e2e/sms-kill");
const MESSAGES = 60;

test("SMS queued when the server is killed mid-send all go out after it restarts", async () => {
  test.setTimeout(120_000);
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const url = `file:${DIR}/jishi.db`;
  const db = createDb(url);
  // The database is made before the server starts: both would migrate a fresh file at once.
  await migrateToLatest(db);
  await seed(db);
  // The provider takes 1.5 s to answer: long enough to kill the server between send and answer.
  const provider = await startSmsProvider({ delayMs: 1500 });
  const env = {
    DATABASE_URL: url,
    SESSION_SECRET: E2E_SESSION_SECRET,
    UPLOAD_DIR: `${DIR}/uploads`,
    WEB_CONCURRENCY: "2",
    SMS_PROVIDER: "aliyun",
    SMS_ENDPOINT: `${provider.url}/aliyun`,
    SMS_TIMEOUT_MS: "3000",
    ALIYUN_ACCESS_KEY_ID: LOCAL_KEYS.aliyun.accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: LOCAL_KEYS.aliyun.accessKeySecret,
    SMS_TEMPLATE_CODES: SMS_KINDS.map((k, i) => `${k}=SMS_${100 + i}`).join(","),
  };
  let app = startApp(PORT, env);
  try {
    await waitForApp(PORT);
    const { userId } = await createApprovedVendor(db);
    const ids: number[] = [];
    for (let i = 0; i < MESSAGES; i++)
      ids.push(
        (await enqueueSms(
          db,
          {
            userId,
            phone: `139${String(30_000_000 + i)}`,
            kind: "session_closed",
            params: { market: "富新社区集市", date: "12月2日", stall: "A-03", reason: "大风" },
            locale: "zh-CN",
          },
          new Date(),
        ))!,
      );

    // Sends in flight: the provider has been asked, and has not answered.
    await expect.poll(() => provider.state.inFlight, { timeout: 15_000 }).toBeGreaterThan(0);
    // Every process at once (the cluster's primary and its server processes share a group).
    const pids = processTree(app.pid!);
    process.kill(-app.pid!, "SIGKILL");
    await expect.poll(() => pids.filter((p) => fs.existsSync(`/proc/${p}`)).length).toBe(0);
    // What the provider had in hand when the server died, counted once nothing can send any
    // more (sends go on starting until the kill lands): the requests it had not answered yet,
    // and those it had answered whose answer the server did not live to record.
    const diedAt = Date.now();
    const unanswered = provider.state.inFlight;
    const recorded = new Set(
      (
        await db
          .selectFrom("outbox")
          .select("id")
          .where("id", "in", ids)
          .where("status", "=", "sent")
          .execute()
      ).map((r) => r.id),
    );
    const answeredUnrecorded = provider.received.filter(
      (r) => r.at <= diedAt && !recorded.has(Number(r.reference)),
    ).length;
    const inFlight = unanswered + answeredUnrecorded;
    expect(inFlight).toBeGreaterThan(0);
    const sending = await db
      .selectFrom("outbox")
      .select("id")
      .where("id", "in", ids)
      .where("status", "=", "sending")
      .execute();
    expect(sending.length).toBeGreaterThan(0);

    app = startApp(PORT, env);
    await waitForApp(PORT);
    // The dead server's holds run out (timeout + 5 s), and the new one sends the rest.
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom("outbox")
              .select("id")
              .where("id", "in", ids)
              .where("status", "=", "sent")
              .execute()
          ).length,
        { timeout: 60_000, intervals: [500] },
      )
      .toBe(MESSAGES);

    const references = provider.received.map((r) => Number(r.reference));
    for (const id of ids) expect(references).toContain(id);
    const twice = references.length - new Set(references).size;
    // Only messages the provider had in hand when the server died can have gone out twice.
    expect(twice).toBeLessThanOrEqual(inFlight);
    expect(provider.refusedSignatures).toEqual([]);
  } finally {
    await stopApp(app);
    await provider.close();
    await db.destroy();
  }
});
