// The market day synced after a time without signal: each action once whatever the retries,
// judged at the moment it was recorded, and what changed meanwhile said as a conflict.
import { describe, expect, it } from "vitest";
import {
  createApprovedVendor,
  createZoneLike,
  officeUserId,
  stallsTaking,
  templateKey,
} from "#db/testing/factories";
import type { QueuedAction } from "~/domain/day-sync";
import { db } from "~/utils/db.server";
import { bookStall, cancelBooking, newIdempotencyKey } from "./booking.server";
import { syncDayActions } from "./day-sync.server";
import { recordFee } from "./market-day.server";

// Tuesday 3 December 2030: the morning market runs 06:00–09:00 in Huguan (22:00–01:00 UTC).
const DATE = "2030-12-03";
const start = new Date("2030-12-02T22:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
let keys = 0;
const key = () => `test-key-${String(++keys).padStart(6, "0")}`;

async function market(vendors: number) {
  const office = await officeUserId(db);
  const zone = await createZoneLike(db, "fuxin-community", {
    name: "同步测试市场",
    managerUserIds: [],
  });
  const stalls = await stallsTaking(db, zone.slug, "fresh_produce");
  const morning = await templateKey(db, zone.slug, "morning");
  const booked: { bookingId: number; vendorId: number; userId: number }[] = [];
  for (let i = 0; i < vendors; i++) {
    const vendor = await createApprovedVendor(db);
    const made = await bookStall(
      db,
      {
        vendorId: vendor.vendorId,
        stallId: stalls[i]!.id,
        localDate: DATE,
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
      },
      minutes(-24 * 60),
    );
    if (!made.ok) throw new Error(JSON.stringify(made));
    booked.push({ bookingId: made.booking.id, vendorId: vendor.vendorId, userId: vendor.userId });
  }
  const ctx = { zoneId: zone.zoneId, userId: office, timeZone: "Asia/Shanghai" };
  return { ...zone, ctx, stalls, morning, booked, session: `${DATE}|${morning}` };
}

describe("syncing the market day", () => {
  it("records check-ins, fees and a no-show once, however often the phone sends them", async () => {
    const m = await market(11);
    const actions: QueuedAction[] = [
      ...m.booked.slice(0, 10).map((b, i) => ({
        key: key(),
        kind: "checkIn" as const,
        bookingId: b.bookingId,
        recordedAt: minutes(i).toISOString(),
      })),
      ...m.booked.slice(0, 5).map((b) => ({
        key: key(),
        kind: "fee" as const,
        bookingId: b.bookingId,
        amountFen: 500,
        expectedFen: null,
        recordedAt: minutes(15).toISOString(),
      })),
      {
        key: key(),
        kind: "noShow",
        bookingId: m.booked[10]!.bookingId,
        recordedAt: minutes(40).toISOString(),
      },
    ];
    // Sent after the market ended: judged at the moment each was recorded.
    const first = await syncDayActions(db, m.ctx, actions, minutes(200));
    expect(first.map((r) => r.outcome)).toEqual(actions.map(() => "done"));
    // The reply was lost; the phone sends it all again.
    const again = await syncDayActions(db, m.ctx, actions, minutes(201));
    expect(again.map((r) => r.outcome)).toEqual(actions.map(() => "already"));
    const rows = await db
      .selectFrom("bookings")
      .select(["id", "status", "fee_collected_fen", "checked_in_at"])
      .where("zone_id", "=", m.zoneId)
      .orderBy("id")
      .execute();
    expect(rows.filter((r) => r.status === "checked_in")).toHaveLength(10);
    expect(rows.filter((r) => r.fee_collected_fen === 500)).toHaveLength(5);
    expect(rows.find((r) => r.id === m.booked[0]!.bookingId)?.checked_in_at).toBe(
      minutes(0).toISOString(),
    );
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("zone_id", "=", m.zoneId)
      .where("action", "in", ["booking.checkIn", "booking.fee", "booking.noShow"])
      .execute();
    expect(audit.filter((a) => a.action === "booking.checkIn")).toHaveLength(10);
    expect(audit.filter((a) => a.action === "booking.noShow")).toHaveLength(1);
  });

  it("says what changed meanwhile: a cancelled booking, another amount, a stall taken", async () => {
    const m = await market(4);
    const [cancelled, paid, absent] = m.booked;
    // While the phone was offline: a vendor cancelled, another manager recorded 3 yuan.
    expect(
      (
        await cancelBooking(
          db,
          { bookingId: cancelled!.bookingId, vendorId: cancelled!.vendorId },
          minutes(-30),
        )
      ).ok,
    ).toBe(true);
    await syncDayActions(
      db,
      m.ctx,
      [
        {
          key: key(),
          kind: "checkIn",
          bookingId: paid!.bookingId,
          recordedAt: minutes(1).toISOString(),
        },
      ],
      minutes(2),
    );
    expect(
      (
        await recordFee(
          db,
          {
            zoneId: m.zoneId,
            bookingId: paid!.bookingId,
            actorUserId: m.ctx.userId,
            now: minutes(3),
          },
          300,
        )
      ).ok,
    ).toBe(true);
    const walker = await createApprovedVendor(db);
    const other = await createApprovedVendor(db);
    const taken = m.stalls[8]!;
    const walkUp = {
      key: key(),
      kind: "walkUp" as const,
      stallId: taken.id,
      identifier: walker.phone,
      session: m.session,
      recordedAt: minutes(5).toISOString(),
    };
    // The other vendor got that stall online first.
    const first = await syncDayActions(
      db,
      m.ctx,
      [{ ...walkUp, key: key(), identifier: other.phone }],
      minutes(4),
    );
    expect(first[0]).toMatchObject({ outcome: "done" });
    const results = await syncDayActions(
      db,
      m.ctx,
      [
        {
          key: key(),
          kind: "checkIn",
          bookingId: cancelled!.bookingId,
          recordedAt: minutes(2).toISOString(),
        },
        {
          key: key(),
          kind: "fee",
          bookingId: paid!.bookingId,
          amountFen: 500,
          expectedFen: null,
          recordedAt: minutes(4).toISOString(),
        },
        walkUp,
        {
          key: key(),
          kind: "noShow",
          bookingId: paid!.bookingId,
          recordedAt: minutes(45).toISOString(),
        },
        {
          key: key(),
          kind: "checkIn",
          bookingId: absent!.bookingId,
          recordedAt: minutes(-90).toISOString(),
        },
      ],
      minutes(50),
    );
    expect(results.map((r) => [r.outcome, r.code ?? null])).toEqual([
      ["conflict", "bookingCancelled"],
      ["conflict", "feeRecordedByOther"],
      ["conflict", "stallTaken"],
      ["conflict", "checkedIn"],
      ["refused", "checkInNotYet"],
    ]);
    expect(results[1]!.recordedFen).toBe(300);
    // Nothing the server held was changed by the conflicts.
    const paidRow = await db
      .selectFrom("bookings")
      .select(["status", "fee_collected_fen"])
      .where("id", "=", paid!.bookingId)
      .executeTakeFirstOrThrow();
    expect(paidRow).toEqual({ status: "checked_in", fee_collected_fen: 300 });
    // Given another stall, the walk-up goes through, once.
    const moved = { ...walkUp, key: key(), stallId: m.stalls[9]!.id };
    const [done] = await syncDayActions(db, m.ctx, [moved], minutes(51));
    const [retry] = await syncDayActions(db, m.ctx, [moved], minutes(52));
    expect(done).toMatchObject({ outcome: "done" });
    expect(retry).toEqual({ key: moved.key, outcome: "already", bookingId: done!.bookingId });
  });

  it("refuses an action whose time cannot be believed, and one about another market's booking", async () => {
    const m = await market(1);
    const other = await market(1);
    const b = m.booked[0]!.bookingId;
    const at = (recordedAt: string) => ({
      key: key(),
      kind: "checkIn" as const,
      bookingId: b,
      recordedAt,
    });
    const results = await syncDayActions(
      db,
      m.ctx,
      [
        at(minutes(30).toISOString()),
        at(minutes(-25 * 60).toISOString()),
        at("yesterday"),
        {
          key: key(),
          kind: "checkIn",
          bookingId: other.booked[0]!.bookingId,
          recordedAt: minutes(10).toISOString(),
        },
      ],
      minutes(20),
    );
    expect(results.map((r) => [r.outcome, r.code])).toEqual([
      ["refused", "clock"],
      ["refused", "clock"],
      ["refused", "clock"],
      ["refused", "notFound"],
    ]);
  });
});
