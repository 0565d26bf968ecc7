// The app outlives its PostgreSQL's bad moments (issue 23), on a cluster of this test's own
// (`.ci/postgres` with another directory and port), so that stopping it disturbs no other test:
// 1. the server stopped: pages and /healthz answer 503 with Retry-After, in the reader's
//    language; started again: service resumes by itself;
// 2. a restart in the middle of a booking rush: no 500, the app still running, every booking
//    answered as made exists once, and a vendor told "try again" who sends the form again gets
//    one booking. Prints the outage as the app saw it. Runs when TEST_POSTGRES_URL is set.
import { execFileSync, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../db/seed";
import { createApprovedVendor, stallsTaking, templateKey } from "../db/testing/factories";
import { createTestDatabase, databaseUrl, dropTestDatabase } from "../db/testing/postgres";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { addDays } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { postBooking, startApp, stopApp, waitForApp, type BookingForm } from "./app-server";
import { E2E_SESSION_SECRET } from "./settings";

const PORT = 3115;
const BASE = `http://127.0.0.1:${PORT}`;
const ZONE = "fuxin-community";
const REQUESTS = 360;
const CONCURRENCY = 12;
const CLUSTER = { PGTEST_DIR: "/tmp/jishi-postgres-faults", PGTEST_PORT: "54331" };

function cluster(command: "start" | "halt" | "resume" | "restart" | "stop"): string {
  return execFileSync("bash", [".ci/postgres", command], {
    env: { ...process.env, ...CLUSTER },
    encoding: "utf8",
  }).trim();
}

interface Form {
  cookie: string;
  form: BookingForm;
}

async function book({ cookie, form }: Form) {
  const started = Date.now();
  try {
    const response = await postBooking(BASE, ZONE, cookie, form);
    await response.arrayBuffer();
    return {
      started,
      at: Date.now(),
      status: response.status,
      location: response.headers.get("location"),
      retryAfter: response.headers.get("retry-after"),
    };
  } catch {
    return { started, at: Date.now(), status: 0, location: null, retryAfter: null };
  }
}

test.describe("PostgreSQL stops and restarts under the app", () => {
  test.skip(!process.env.TEST_POSTGRES_URL, "TEST_POSTGRES_URL is not set");

  test("503 with Retry-After while it is away, service back by itself, nothing lost or doubled", async () => {
    test.setTimeout(240_000);
    const admin = cluster("start");
    const name = await createTestDatabase(admin, "jishi_faults");
    const url = databaseUrl(admin, name);
    const db = createDb(url);
    let app: ChildProcess | undefined;
    try {
      await migrateToLatest(db);
      await seed(db);
      const stalls = await stallsTaking(db, ZONE, "fresh_produce");
      const morning = await templateKey(db, ZONE, "morning");
      const today = localMoment(new Date(), "Asia/Shanghai").date;
      const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
      const forms: Form[] = [];
      for (let i = 0; i < REQUESTS + 1; i++) {
        const { userId } = await createApprovedVendor(db);
        const { id } = await createSession(db, { userId, userAgent: "faults", now: new Date() });
        forms.push({
          cookie: (await cookie.serialize(id)).split(";")[0]!,
          form: {
            stallId: stalls[i % stalls.length]!.id,
            localDate: addDays(today, 2 + Math.floor(i / stalls.length)),
            sessionKey: morning,
            key: `faults-${i}`,
          },
        });
      }
      app = startApp(
        PORT,
        {
          DATABASE_URL: url,
          SESSION_SECRET: E2E_SESSION_SECRET,
          UPLOAD_DIR: "data/e2e/faults/uploads",
          DATABASE_CONNECT_TIMEOUT_MS: "2000",
        },
        { stderr: "ignore" },
      );
      await waitForApp(PORT);

      // 1. The server is stopped.
      cluster("halt");
      const health = await fetch(`${BASE}/healthz`);
      expect(health.status).toBe(503);
      for (const [language, words] of [
        ["zh-CN", "系统正在恢复，请稍等"],
        ["en", "Back in a moment"],
      ] as const) {
        const page = await fetch(`${BASE}/markets/${ZONE}`, {
          headers: { "Accept-Language": language },
        });
        expect(page.status).toBe(503);
        expect(page.headers.get("retry-after")).toBe("5");
        expect(await page.text()).toContain(words);
      }
      const refused = await book(forms[REQUESTS]!);
      expect([refused.status, refused.retryAfter]).toEqual([503, "5"]);
      const resumed = Date.now();
      cluster("resume");
      const started = Date.now();
      let healthy = 0;
      while (Date.now() - started < 10_000) {
        if ((await fetch(`${BASE}/healthz`)).status === 200) {
          healthy = Date.now();
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(healthy, "healthy again within 10 s of the server being back").toBeGreaterThan(0);
      expect((await book(forms[REQUESTS]!)).status).toBe(302);

      // 2. A restart in the middle of a booking rush.
      const answers: Awaited<ReturnType<typeof book>>[] = new Array(REQUESTS);
      let next = 0;
      const rush = Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            const i = next++;
            answers[i] = await book(forms[i]!);
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 700));
      const restartAt = Date.now();
      cluster("restart");
      const restartedAt = Date.now();
      await rush;

      // The outage as the vendors saw it: from the restart to the first booking made after
      // the last "try again".
      const lastFailure = Math.max(
        restartedAt,
        ...answers.filter((a) => a.status === 503).map((a) => a.at),
      );
      const backAt = Math.min(
        ...answers.filter((a) => a.status === 302 && a.started >= lastFailure).map((a) => a.at),
      );
      expect(app.exitCode, "the app is still running").toBe(null);
      const statuses = answers.map((a) => a.status);
      const count = (status: number) => statuses.filter((s) => s === status).length;
      // Made (302), or "try again" (503); never a server error, never a dropped connection.
      expect(count(302) + count(503)).toBe(REQUESTS);
      expect(answers.filter((a) => a.status === 503).every((a) => a.retryAfter === "5")).toBe(true);
      // The vendors told to try again send the same form again: each gets the one booking.
      for (const [i, a] of answers.entries())
        if (a.status === 503) answers[i] = { ...(await book(forms[i]!)), started: a.started };
      expect(answers.map((a) => a.status)).toEqual(new Array(REQUESTS).fill(302));
      const rows = await db
        .selectFrom("bookings")
        .select(["id", "idempotency_key"])
        .where("idempotency_key", "like", "faults-%")
        .execute();
      expect(rows).toHaveLength(REQUESTS + 1);
      const ids = new Set(rows.map((r) => `/vendor/bookings?booked=${r.id}`));
      for (const a of answers) expect(ids.has(a.location!)).toBe(true);

      console.log(
        [
          `PostgreSQL stopped then started: /healthz 200 again ${healthy - resumed} ms after the start command (which took ${started - resumed} ms).`,
          `Restart under load (${REQUESTS} bookings, ${CONCURRENCY} at a time): pg_ctl restart took ${restartedAt - restartAt} ms;`,
          `${count(503)} answers were 503 (Retry-After 5), ${count(302)} were made at once, none 500;`,
          `bookings were made again ${Number.isFinite(backAt) ? `${backAt - restartAt} ms` : "only after the rush"} after the restart began.`,
        ].join(" "),
      );
    } finally {
      if (app) await stopApp(app);
      await db.destroy();
      await dropTestDatabase(admin, name).catch(() => {});
      cluster("stop");
    }
  });
});
