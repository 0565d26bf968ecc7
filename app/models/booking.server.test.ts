import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb } from "#db/connect";
import { violatedUniqueIndex } from "#db/errors";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { TEST_ON_POSTGRES } from "#db/testing/postgres";
import { retriedTransactions } from "#db/transaction";
import { db } from "~/utils/db.server";
import {
  bookSeries,
  bookStall,
  cancelBooking,
  cancelSeriesFrom,
  newIdempotencyKey,
} from "./booking.server";

// Saturday 28 November 2026, 08:00 in Huguan. Fuxin's morning market runs every day 06:00–09:00.
const now = new Date("2026-11-28T00:00:00Z");
const ZONE = "fuxin-community";

async function setup() {
  const stalls = await stallsTaking(db, ZONE, "fresh_produce");
  const morning = await templateKey(db, ZONE, "morning");
  return { stalls, morning };
}

const book = (
  vendorId: number,
  stallId: number,
  localDate: string,
  sessionKey: string,
  key = newIdempotencyKey(),
  at = now,
) => bookStall(db, { vendorId, stallId, localDate, sessionKey, idempotencyKey: key }, at);

describe("bookStall", () => {
  it("confirms a free stall for an approved vendor, with the stall's fee and the session's instants", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    const result = await book(vendorId, stalls[0]!.id, "2026-12-01", morning);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.booking).toMatchObject({
      status: "confirmed",
      fee_fen: 500,
      starts_at: "2026-11-30T22:00:00.000Z",
      ends_at: "2026-12-01T01:00:00.000Z",
    });
  });

  it("refuses a taken stall and offers the nearest free stalls that fit", async () => {
    const { stalls, morning } = await setup();
    const first = await createApprovedVendor(db);
    const second = await createApprovedVendor(db);
    const wanted = stalls.find((s) => s.code === "A-05")!;
    expect((await book(first.vendorId, wanted.id, "2026-12-02", morning)).ok).toBe(true);
    const refused = await book(second.vendorId, wanted.id, "2026-12-02", morning);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.code).toBe("stallTaken");
    expect(
      refused.alternatives
        .map((a) => a.code)
        .slice(0, 2)
        .sort(),
    ).toEqual(["A-04", "A-06"]);
    expect(refused.alternatives.every((a) => a.id !== wanted.id)).toBe(true);
    const distances = refused.alternatives.map((a) => a.distanceM);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it("makes one booking of a resent form", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    const key = newIdempotencyKey();
    const a = await book(vendorId, stalls[1]!.id, "2026-12-03", morning, key);
    const b = await book(vendorId, stalls[1]!.id, "2026-12-03", morning, key);
    expect(a.ok && b.ok && a.booking.id === b.booking.id && b.repeated).toBe(true);
  });

  it("answers a form sent twice at once, to two instances, with the one booking it made", async () => {
    const { stalls, morning } = await setup();
    // On PostgreSQL a second app instance: its own connections to the same database. SQLite is
    // one process's file (a second connection here would block this very thread): both copies
    // go to the one instance, as two requests at once do.
    const other = TEST_ON_POSTGRES ? createDb(process.env.DATABASE_URL) : db;
    try {
      for (const [round, day] of ["2026-12-05", "2026-12-06", "2026-12-07"].entries()) {
        const { vendorId } = await createApprovedVendor(db);
        const input = {
          vendorId,
          stallId: stalls[4 + round]!.id,
          localDate: day,
          sessionKey: morning,
          idempotencyKey: newIdempotencyKey(),
        };
        const answers = await Promise.all([
          bookStall(db, input, now),
          bookStall(other, input, now),
        ]);
        expect(answers.map((a) => a.ok)).toEqual([true, true]);
        const [a, b] = answers.map((a) => (a.ok ? a : null));
        expect(a!.booking.id).toBe(b!.booking.id);
        expect([a!.repeated, b!.repeated].sort()).toEqual([false, true]);
      }
    } finally {
      if (other !== db) await other.destroy();
    }
  });

  it("allows one stall per vendor per session", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    expect((await book(vendorId, stalls[2]!.id, "2026-12-04", morning)).ok).toBe(true);
    const again = await book(vendorId, stalls[3]!.id, "2026-12-04", morning);
    expect(!again.ok && again.code).toBe("alreadyBooked");
  });

  it("refuses a stall of another category, a session not held, and a pending vendor", async () => {
    const { morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    const cooked = (await stallsTaking(db, ZONE, "cooked_food"))[0]!;
    const wrong = await book(vendorId, cooked.id, "2026-12-01", morning);
    expect(!wrong.ok && wrong.code).toBe("categoryNotAllowed");
    const { stalls } = await setup();
    const notHeld = await book(vendorId, stalls[0]!.id, "2026-12-01", "t99999");
    expect(!notHeld.ok && notHeld.code).toBe("sessionNotHeld");
    const pending = await db
      .selectFrom("vendors")
      .innerJoin("users", "users.id", "vendors.user_id")
      .select("vendors.id")
      .where("users.email", "=", "vendor.pending@jishi.example")
      .executeTakeFirstOrThrow();
    const crafts = (await stallsTaking(db, ZONE, "crafts"))[0]!;
    const refused = await book(pending.id, crafts.id, "2026-12-01", morning);
    expect(!refused.ok && refused.code).toBe("vendorNotApproved");
  });

  it("keeps to the weekly quota of six sessions", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    // Monday 7 to Sunday 13 December; the window opens 14 days ahead.
    const at = new Date("2026-11-30T00:00:00Z");
    for (const day of ["07", "08", "09", "10", "11", "12"]) {
      expect(
        (await book(vendorId, stalls[4]!.id, `2026-12-${day}`, morning, undefined, at)).ok,
      ).toBe(true);
    }
    const seventh = await book(vendorId, stalls[4]!.id, "2026-12-13", morning, undefined, at);
    expect(!seventh.ok && { code: seventh.code, params: seventh.params }).toEqual({
      code: "weeklyQuota",
      params: { quota: 6 },
    });
    // The next week is a new week.
    const nextWeek = await book(
      vendorId,
      stalls[4]!.id,
      "2026-12-14",
      morning,
      undefined,
      new Date("2026-12-01T00:00:00Z"),
    );
    expect(nextWeek.ok).toBe(true);
  });

  it("waits for a manager where the zone asks for approval", async () => {
    const { stalls, morning } = await setup();
    await db
      .insertInto("zone_settings")
      .values({
        zone_id: stalls[0]!.zone_id,
        booking_opens_days: 14,
        booking_closes_minutes: 120,
        weekly_quota: 6,
        cancel_deadline_hours: 24,
        requires_approval: 1,
        category_caps: "{}",
        updated_at: now.toISOString(),
      })
      .execute();
    const { vendorId } = await createApprovedVendor(db);
    const result = await book(vendorId, stalls[5]!.id, "2026-12-05", morning);
    expect(result.ok && result.booking.status).toBe("pending");
    await db.deleteFrom("zone_settings").execute();
  });

  it("lets exactly one of fifty simultaneous requests for one stall win", async () => {
    const { stalls, morning } = await setup();
    const vendors = await Promise.all(Array.from({ length: 50 }, () => createApprovedVendor(db)));
    const stall = stalls[6]!;
    const results = await Promise.all(
      vendors.map((v) => book(v.vendorId, stall.id, "2026-12-06", morning)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refusals = results.filter((r) => !r.ok);
    expect(
      refusals.every((r) => !r.ok && r.code === "stallTaken" && r.alternatives.length > 0),
    ).toBe(true);
  });

  it("books twenty different stalls of one session for twenty vendors pressing at once", async () => {
    // On PostgreSQL these run side by side on the pool's connections; none may fail the others.
    const { stalls, morning } = await setup();
    const vendors = await Promise.all(Array.from({ length: 20 }, () => createApprovedVendor(db)));
    const retriedBefore = retriedTransactions();
    const results = await Promise.all(
      vendors.map((v, i) => book(v.vendorId, stalls[10 + i]!.id, "2026-12-06", morning)),
    );
    expect(results.map((r) => r.ok)).toEqual(vendors.map(() => true));
    // They queued for the session rather than failing each other and starting again.
    expect(retriedTransactions() - retriedBefore).toBe(0);
  });
});

describe("the database's own guard", () => {
  it("refuses a second active booking of a stall-session even when the code is bypassed", async () => {
    const { stalls, morning } = await setup();
    const a = await createApprovedVendor(db);
    const b = await createApprovedVendor(db);
    const row = (vendorId: number) => ({
      zone_id: stalls[7]!.zone_id,
      stall_id: stalls[7]!.id,
      vendor_id: vendorId,
      local_date: "2026-12-07",
      session_key: morning,
      starts_at: "x",
      ends_at: "y",
      status: "confirmed" as const,
      fee_fen: 0,
      idempotency_key: newIdempotencyKey(),
      created_at: "x",
      updated_at: "x",
    });
    await db.insertInto("bookings").values(row(a.vendorId)).execute();
    const error = await db
      .insertInto("bookings")
      .values(row(b.vendorId))
      .execute()
      .catch((e: unknown) => e);
    expect(violatedUniqueIndex(error)).toBe("bookings_one_per_stall_session");
    // A cancelled booking does not hold the stall.
    await db
      .updateTable("bookings")
      .set({ status: "cancelled" })
      .where("stall_id", "=", stalls[7]!.id)
      .execute();
    await db.insertInto("bookings").values(row(b.vendorId)).execute();
    const active = await sql<{
      n: number;
    }>`select count(*) as n from bookings where stall_id = ${stalls[7]!.id} and status = 'confirmed'`.execute(
      db,
    );
    expect(Number(active.rows[0]!.n)).toBe(1);
  });
});

describe("cancelBooking", () => {
  it("is free until 24 hours before the start, late after, and frees the stall", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    const other = await createApprovedVendor(db);
    const early = await book(vendorId, stalls[8]!.id, "2026-12-08", morning);
    if (!early.ok) throw new Error("booking failed");
    expect(await cancelBooking(db, { bookingId: early.booking.id, vendorId }, now)).toEqual({
      ok: true,
      late: false,
    });
    expect((await book(other.vendorId, stalls[8]!.id, "2026-12-08", morning)).ok).toBe(true);

    const soon = await book(vendorId, stalls[9]!.id, "2026-12-01", morning);
    if (!soon.ok) throw new Error("booking failed");
    // Monday 30 November 07:00 in Huguan: 23 hours before Tuesday's 06:00 start.
    expect(
      await cancelBooking(
        db,
        { bookingId: soon.booking.id, vendorId },
        new Date("2026-11-29T23:00:00Z"),
      ),
    ).toEqual({ ok: true, late: true });
    const row = await db
      .selectFrom("bookings")
      .select(["status", "cancelled_late"])
      .where("id", "=", soon.booking.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "cancelled", cancelled_late: 1 });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "booking")
      .where("entity_id", "=", soon.booking.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["booking.cancelled_late"]);
  });

  it("cannot cancel another vendor's booking, or one cancelled already", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    const other = await createApprovedVendor(db);
    const result = await book(vendorId, stalls[10]!.id, "2026-12-09", morning);
    if (!result.ok) throw new Error("booking failed");
    expect(
      await cancelBooking(db, { bookingId: result.booking.id, vendorId: other.vendorId }, now),
    ).toEqual({ ok: false, code: "notFound" });
    await cancelBooking(db, { bookingId: result.booking.id, vendorId }, now);
    expect(await cancelBooking(db, { bookingId: result.booking.id, vendorId }, now)).toEqual({
      ok: false,
      code: "notCancellable",
    });
  });
});

// SQLite has one writer at a time; PostgreSQL has no such lock to wait for.
describe.skipIf(TEST_ON_POSTGRES)("another process writing to the same database file", () => {
  it("does not make bookings fail with a busy error", async () => {
    const { spawn } = await import("node:child_process");
    const { stalls, morning } = await setup();
    const vendors = await Promise.all(Array.from({ length: 30 }, () => createApprovedVendor(db)));
    // A second process writes in short transactions the whole time, as a script beside the
    // server would.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.pragma("busy_timeout = 5000");
         const end = Date.now() + 1500; const insert = db.prepare("insert into rate_limit_hits (key, at) values ('writer', ?)");
         while (Date.now() < end) { db.transaction(() => insert.run(new Date().toISOString()))(); }`,
        process.env.DATABASE_URL!.slice("file:".length),
      ],
      { stdio: "inherit" },
    );
    const exited = new Promise((resolve) => writer.on("exit", resolve));
    const results = [];
    for (const [i, v] of vendors.entries()) {
      results.push(
        await bookStall(
          db,
          {
            vendorId: v.vendorId,
            stallId: stalls[11 + (i % 20)]!.id,
            localDate: `2026-12-${String(10 + Math.floor(i / 20)).padStart(2, "0")}`,
            sessionKey: morning,
            idempotencyKey: newIdempotencyKey(),
          },
          now,
        ),
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    expect(results.filter((r) => r.ok)).toHaveLength(30);
  });
});

describe("a weekly series", () => {
  it("books each week it can, beyond the opening window, reports the others, and can be cancelled from a week on", async () => {
    const { stalls, morning } = await setup();
    const { vendorId } = await createApprovedVendor(db);
    const other = await createApprovedVendor(db);
    const stall = stalls[20]!;
    // Someone else already holds the stall in the third week.
    const held = await bookSeries(
      db,
      {
        vendorId: other.vendorId,
        stallId: stall.id,
        localDate: "2026-12-15",
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
        weeks: 1,
      },
      now,
    );
    expect(held.weeks[0]!.result.ok).toBe(true);

    const { seriesId, weeks } = await bookSeries(
      db,
      {
        vendorId,
        stallId: stall.id,
        localDate: "2026-12-01",
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
        weeks: 6,
      },
      now,
    );
    expect(weeks.map((w) => w.localDate)).toEqual([
      "2026-12-01",
      "2026-12-08",
      "2026-12-15",
      "2026-12-22",
      "2026-12-29",
      "2027-01-05",
    ]);
    expect(weeks.map((w) => (w.result.ok ? "booked" : w.result.code))).toEqual([
      "booked",
      "booked",
      "stallTaken",
      "booked",
      "booked",
      "booked",
    ]);
    const rows = await db
      .selectFrom("bookings")
      .select(["id", "local_date", "series_id"])
      .where("vendor_id", "=", vendorId)
      .orderBy("local_date")
      .execute();
    expect(rows.every((r) => r.series_id === seriesId)).toBe(true);

    // Cancelling from the fourth week on leaves the first two.
    const fourth = rows.find((r) => r.local_date === "2026-12-22")!;
    expect(await cancelSeriesFrom(db, { bookingId: fourth.id, vendorId }, now)).toEqual({
      cancelled: 3,
      late: 0,
    });
    const active = await db
      .selectFrom("bookings")
      .select("local_date")
      .where("vendor_id", "=", vendorId)
      .where("status", "=", "confirmed")
      .orderBy("local_date")
      .execute();
    expect(active.map((r) => r.local_date)).toEqual(["2026-12-01", "2026-12-08"]);
  });
});
