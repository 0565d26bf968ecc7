import { describe, expect, it } from "vitest";
import { createDb } from "#db/connect";
import { isPostgres } from "#db/portable";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import {
  acceptOffer,
  bookStall,
  cancelBooking,
  newIdempotencyKey,
  sessionAvailability,
} from "./booking.server";
import { listNotifications } from "./notification.server";
import { expireOffers, joinWaitlist, leaveWaitlist, listVendorWaitlist } from "./waitlist.server";

const now = new Date("2026-11-28T00:00:00Z");
const ZONE = "longquan-park-evening";
const DATE = "2026-12-02";

async function setup() {
  const stalls = await stallsTaking(db, ZONE, "fresh_produce");
  const evening = await templateKey(db, ZONE, "evening");
  return { stalls, evening, zoneId: stalls[0]!.zone_id };
}

const statusOf = async (id: number) =>
  await db
    .selectFrom("waitlist_entries")
    .select(["status", "offered_stall_id", "offer_expires_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("the waiting list", () => {
  it("offers a freed stall to the first who waits for it, holds it for two hours, and lets them take it", async () => {
    const { stalls, evening, zoneId } = await setup();
    const stall = stalls[0]!;
    const holder = await createApprovedVendor(db);
    const first = await createApprovedVendor(db);
    const second = await createApprovedVendor(db);
    const outsider = await createApprovedVendor(db);
    const booked = await bookStall(
      db,
      {
        vendorId: holder.vendorId,
        stallId: stall.id,
        localDate: DATE,
        sessionKey: evening,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    if (!booked.ok) throw new Error("booking failed");

    const a = await joinWaitlist(
      db,
      { vendorId: first.vendorId, zoneId, localDate: DATE, sessionKey: evening, stallId: stall.id },
      now,
    );
    const b = await joinWaitlist(
      db,
      { vendorId: second.vendorId, zoneId, localDate: DATE, sessionKey: evening, stallId: null },
      new Date(now.getTime() + 1000),
    );
    if (!a.ok || !b.ok) throw new Error("join failed");
    expect(
      await joinWaitlist(
        db,
        { vendorId: first.vendorId, zoneId, localDate: DATE, sessionKey: evening, stallId: null },
        now,
      ),
    ).toEqual({ ok: false, code: "already" });

    const cancelledAt = new Date("2026-11-29T00:00:00Z");
    await cancelBooking(
      db,
      { bookingId: booked.booking.id, vendorId: holder.vendorId },
      cancelledAt,
    );
    expect(await statusOf(a.id)).toEqual({
      status: "offered",
      offered_stall_id: stall.id,
      offer_expires_at: "2026-11-29T02:00:00.000Z",
    });
    expect((await statusOf(b.id)).status).toBe("waiting");
    expect((await listNotifications(db, first.userId))[0]?.message_key).toBe("inbox.waitlistOffer");

    // Held for them: the stall shows as held and nobody else can book it.
    const availability = await sessionAvailability(
      db,
      {
        zoneId,
        localDate: DATE,
        sessionKey: evening,
      },
      now,
    );
    expect(availability.find((s) => s.id === stall.id)?.state).toBe("held");
    const refused = await bookStall(
      db,
      {
        vendorId: outsider.vendorId,
        stallId: stall.id,
        localDate: DATE,
        sessionKey: evening,
        idempotencyKey: newIdempotencyKey(),
      },
      new Date("2026-11-29T01:00:00Z"),
    );
    expect(!refused.ok && refused.code).toBe("stallTaken");

    const taken = await acceptOffer(
      db,
      { entryId: a.id, vendorId: first.vendorId },
      new Date("2026-11-29T01:00:00Z"),
    );
    expect(taken.ok).toBe(true);
    expect((await statusOf(a.id)).status).toBe("booked");
  });

  it("moves an offer not taken in time, or turned down, on to the next who fits", async () => {
    const { stalls, evening, zoneId } = await setup();
    const stall = stalls[1]!;
    const holder = await createApprovedVendor(db);
    const [first, second, third] = await Promise.all([
      createApprovedVendor(db),
      createApprovedVendor(db),
      createApprovedVendor(db),
    ]);
    const cooked = await createApprovedVendor(db, "cooked_food");
    const booked = await bookStall(
      db,
      {
        vendorId: holder.vendorId,
        stallId: stall.id,
        localDate: "2026-12-03",
        sessionKey: evening,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    if (!booked.ok) throw new Error("booking failed");
    // A cooked-food vendor waits first, but the stall does not take cooked food: they are passed over.
    const c = await joinWaitlist(
      db,
      {
        vendorId: cooked.vendorId,
        zoneId,
        localDate: "2026-12-03",
        sessionKey: evening,
        stallId: null,
      },
      now,
    );
    const entries = [];
    for (const [i, v] of [first, second, third].entries()) {
      const joined = await joinWaitlist(
        db,
        {
          vendorId: v.vendorId,
          zoneId,
          localDate: "2026-12-03",
          sessionKey: evening,
          stallId: null,
        },
        new Date(now.getTime() + (i + 1) * 1000),
      );
      if (!joined.ok) throw new Error("join failed");
      entries.push(joined.id);
    }
    await cancelBooking(
      db,
      { bookingId: booked.booking.id, vendorId: holder.vendorId },
      new Date("2026-11-29T00:00:00Z"),
    );
    expect(c.ok && (await statusOf(c.id)).status).toBe("waiting");
    expect((await statusOf(entries[0]!)).status).toBe("offered");

    expect(await expireOffers(db, new Date("2026-11-29T02:00:01Z"))).toBe(1);
    expect((await statusOf(entries[0]!)).status).toBe("expired");
    expect((await statusOf(entries[1]!)).status).toBe("offered");

    expect(
      await leaveWaitlist(
        db,
        { entryId: entries[1]!, vendorId: second.vendorId },
        new Date("2026-11-29T02:30:00Z"),
      ),
    ).toBe(true);
    expect((await statusOf(entries[2]!)).status).toBe("offered");
    expect(
      (await listVendorWaitlist(db, third.vendorId, new Date("2026-11-29T02:30:00Z")))[0]
        ?.offered_code,
    ).toBe(stall.code);
  });

  it("closes a vendor's entry when they book a stall in that session themselves", async () => {
    const { stalls, evening, zoneId } = await setup();
    const vendor = await createApprovedVendor(db);
    const joined = await joinWaitlist(
      db,
      {
        vendorId: vendor.vendorId,
        zoneId,
        localDate: "2026-12-04",
        sessionKey: evening,
        stallId: null,
      },
      now,
    );
    if (!joined.ok) throw new Error("join failed");
    await bookStall(
      db,
      {
        vendorId: vendor.vendorId,
        stallId: stalls[5]!.id,
        localDate: "2026-12-04",
        sessionKey: evening,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    expect((await statusOf(joined.id)).status).toBe("booked");
  });
});

describe("the job that moves expired offers on", () => {
  it("moves each offer once when two instances run it at the same moment", async () => {
    const { stalls, evening, zoneId } = await setup();
    const DAY = "2026-12-09";
    const offers: { first: number; second: { vendorId: number; userId: number }; entry: number }[] =
      [];
    for (const stall of stalls.slice(5, 10)) {
      const [holder, first, second] = await Promise.all(
        [0, 1, 2].map(() => createApprovedVendor(db)),
      );
      const booked = await bookStall(
        db,
        {
          vendorId: holder!.vendorId,
          stallId: stall.id,
          localDate: DAY,
          sessionKey: evening,
          idempotencyKey: newIdempotencyKey(),
        },
        now,
      );
      if (!booked.ok) throw new Error("booking failed");
      const joined = [];
      for (const [i, who] of [first!, second!].entries())
        joined.push(
          await joinWaitlist(
            db,
            {
              vendorId: who.vendorId,
              zoneId,
              localDate: DAY,
              sessionKey: evening,
              stallId: stall.id,
            },
            new Date(now.getTime() + i * 1000),
          ),
        );
      const [a, b] = joined;
      if (!a?.ok || !b?.ok) throw new Error("join failed");
      await cancelBooking(db, { bookingId: booked.booking.id, vendorId: holder!.vendorId }, now);
      offers.push({ first: a.id, second: second!, entry: b.id });
    }
    // A second instance: its own connection (its own pool on PostgreSQL).
    const other = createDb(process.env.DATABASE_URL!);
    try {
      const later = new Date(now.getTime() + 3 * 3600_000);
      // SQLite's connections in one process cannot wait for each other (its calls block the
      // thread), so there the second instance runs just after the first; PostgreSQL's at once.
      const moved = isPostgres(db)
        ? await Promise.all([expireOffers(db, later), expireOffers(other, later)])
        : [await expireOffers(db, later), await expireOffers(other, later)];
      expect(moved[0]! + moved[1]!).toBe(offers.length);
    } finally {
      await other.destroy();
    }
    for (const { first, second, entry } of offers) {
      expect((await statusOf(first)).status).toBe("expired");
      expect((await statusOf(entry)).status).toBe("offered");
      const told = (await listNotifications(db, second.userId)).filter(
        (n) => n.message_key === "inbox.waitlistOffer",
      );
      expect(told).toHaveLength(1);
    }
  });
});
