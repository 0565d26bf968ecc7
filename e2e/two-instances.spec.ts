// Several app instances on one PostgreSQL (issue 9): two servers of the built app, on two ports,
// one database. Fifty vendors press "book" on the same stall-session at the same moment, half
// through each server: exactly one is confirmed, the others are told it was just taken. Ten
// rounds. Then one vendor's form sent to both at once: both answers name the one booking. Runs
// when TEST_POSTGRES_URL names a server (`.ci/run` starts one); skipped otherwise.
import type { ChildProcess } from "node:child_process";
import { test, expect } from "@playwright/test";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed } from "../db/seed";
import {
  activeBookingsOf,
  createApprovedVendor,
  stallsTaking,
  templateKey,
} from "../db/testing/factories";
import { createTestDatabase, databaseUrl, dropTestDatabase } from "../db/testing/postgres";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { addDays } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { postBooking, startApp, stopApp, waitForApp } from "./app-server";
import { E2E_SESSION_SECRET } from "./settings";

const ADMIN_URL = process.env.TEST_POSTGRES_URL;
const PORTS = [3111, 3112];
const ZONE = "fuxin-community";
const ROUNDS = 10;

test.describe("two app instances on one PostgreSQL", () => {
  test.skip(!ADMIN_URL, "TEST_POSTGRES_URL is not set");

  test("fifty simultaneous bookings of one stall-session, split between them: one confirmed", async () => {
    test.setTimeout(180_000);
    const name = await createTestDatabase(ADMIN_URL!, "jishi_two");
    const url = databaseUrl(ADMIN_URL!, name);
    const db = createDb(url);
    const instances: ChildProcess[] = [];
    try {
      await migrateToLatest(db);
      await seed(db);
      instances.push(
        ...PORTS.map((port) =>
          startApp(port, {
            DATABASE_URL: url,
            SESSION_SECRET: E2E_SESSION_SECRET,
            UPLOAD_DIR: "data/e2e/two-instances/uploads",
          }),
        ),
      );
      await Promise.all(PORTS.map(waitForApp));

      const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
      const stalls = (await stallsTaking(db, ZONE, "fresh_produce")).slice(0, ROUNDS);
      const morning = await templateKey(db, ZONE, "morning");
      const date = addDays(localMoment(new Date(), "Asia/Shanghai").date, 3);
      for (const [round, stall] of stalls.entries()) {
        const cookies = await Promise.all(
          Array.from({ length: 50 }, async () => {
            const { userId } = await createApprovedVendor(db);
            const { id } = await createSession(db, {
              userId,
              userAgent: "two-instances",
              now: new Date(),
            });
            return (await cookie.serialize(id)).split(";")[0]!;
          }),
        );
        const answers = await Promise.all(
          cookies.map(async (c, i) => {
            const response = await postBooking(`http://127.0.0.1:${PORTS[i % 2]}`, ZONE, c, {
              stallId: stall.id,
              localDate: date,
              sessionKey: morning,
              key: `two-instances-${round}-${i}`,
            });
            return { status: response.status, text: await response.text(), port: i % 2 };
          }),
        );
        const confirmed = answers.filter((a) => a.status === 302);
        expect(confirmed, `round ${round}`).toHaveLength(1);
        const refused = answers.filter((a) => a.status === 409);
        expect(refused, `round ${round}`).toHaveLength(49);
        for (const a of refused) expect(a.text).toContain("这个摊位刚刚被别人预约了。");
        // Both instances answered, and both refused someone.
        expect(new Set(refused.map((a) => a.port)).size).toBe(2);
        const active = await activeBookingsOf(db, {
          stallId: stall.id,
          localDate: date,
          sessionKey: morning,
        });
        expect(active, `round ${round}`).toHaveLength(1);
      }

      // A vendor's form sent twice at once, a copy to each instance (a double tap through a
      // balancer): both answers name the one booking made, neither says the stall was taken.
      const spare = (await stallsTaking(db, ZONE, "fresh_produce")).slice(ROUNDS, ROUNDS + 5);
      for (const [round, stall] of spare.entries()) {
        const { userId } = await createApprovedVendor(db);
        const { id } = await createSession(db, { userId, userAgent: "twice", now: new Date() });
        const session = (await cookie.serialize(id)).split(";")[0]!;
        const answers = await Promise.all(
          PORTS.map(async (port) => {
            const response = await postBooking(`http://127.0.0.1:${port}`, ZONE, session, {
              stallId: stall.id,
              localDate: date,
              sessionKey: morning,
              key: `twice-at-once-${round}`,
            });
            return { status: response.status, location: response.headers.get("location") };
          }),
        );
        expect(
          answers.map((a) => a.status),
          `twice ${round}`,
        ).toEqual([302, 302]);
        expect(answers[0]!.location).toMatch(/^\/vendor\/bookings\?booked=\d+$/);
        expect(answers[1]!.location).toBe(answers[0]!.location);
      }
    } finally {
      // Stopped (and their pools closed) before the database is dropped under them.
      await Promise.all(instances.map(stopApp));
      await db.destroy();
      await dropTestDatabase(ADMIN_URL!, name);
    }
  });
});
