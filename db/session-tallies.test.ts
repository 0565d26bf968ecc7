// The sessions' counts by category (migration 20261130190000) against the bookings they count:
// the same after every kind of change, on either engine.
import { sql, type Updateable } from "kysely";
import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { bookStall, cancelBooking } from "~/models/booking.server";
import { db } from "~/utils/db.server";
import type { BookingsTable } from "./schema";
import { createApprovedVendor, freeStallsTaking, templateKey } from "./testing/factories";

/** Every non-zero count, and the same counted from the bookings, in one order. */
async function bothCounts() {
  const kept = await db
    .selectFrom("session_tallies")
    .select(["zone_id", "local_date", "session_key", "category_slug", "bookings as n"])
    .where("bookings", "<>", 0)
    .orderBy("zone_id")
    .orderBy("local_date")
    .orderBy("session_key")
    .orderBy("category_slug")
    .execute();
  const counted = await db
    .selectFrom("bookings")
    .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
    .select((eb) => [
      "bookings.zone_id",
      "bookings.local_date",
      "bookings.session_key",
      "vendors.category_slug",
      eb.fn.countAll<number>().as("n"),
    ])
    .where("bookings.status", "in", ["confirmed", "checked_in"])
    .groupBy([
      "bookings.zone_id",
      "bookings.local_date",
      "bookings.session_key",
      "vendors.category_slug",
    ])
    .orderBy("zone_id")
    .orderBy("local_date")
    .orderBy("session_key")
    .orderBy("category_slug")
    .execute();
  const plain = (rows: typeof kept) => rows.map((r) => ({ ...r, n: Number(r.n) }));
  return { kept: plain(kept), counted: plain(counted) };
}

/** A booking changed straight in the table, as a manager's page or a script would. */
function changeBooking(id: number, values: Updateable<BookingsTable>) {
  return db.updateTable("bookings").set(values).where("id", "=", id).execute();
}

describe("the sessions' counts by category", () => {
  it("follow every booking made, cancelled, checked in, missed, moved or deleted, and a vendor's new category", async () => {
    const zone = "fuxin-community";
    const localDate = addDays(localMoment(new Date(), "Asia/Shanghai").date, 3);
    const sessionKey = await templateKey(db, zone, "morning");
    // The demo's own bookings, counted when the table was made.
    let counts = await bothCounts();
    expect(counts.kept.length).toBeGreaterThan(0);
    expect(counts.kept).toEqual(counts.counted);

    const free = await freeStallsTaking(db, zone, "fresh_produce", { localDate, sessionKey });
    const made: number[] = [];
    const vendors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { vendorId } = await createApprovedVendor(db);
      vendors.push(vendorId);
      const result = await bookStall(
        db,
        { vendorId, stallId: free[i]!.id, localDate, sessionKey, idempotencyKey: `tally-${i}` },
        new Date(),
      );
      if (!result.ok) throw new Error(result.code);
      made.push(result.booking.id);
    }
    counts = await bothCounts();
    expect(counts.kept).toEqual(counts.counted);

    // Cancelled by the vendor; checked in; missed; moved to another day; a vendor who now
    // sells something else; a booking deleted outright.
    expect(
      (await cancelBooking(db, { bookingId: made[0]!, vendorId: vendors[0]! }, new Date())).ok,
    ).toBe(true);
    await changeBooking(made[1]!, { status: "checked_in" });
    await changeBooking(made[1]!, { local_date: addDays(localDate, 7) });
    await changeBooking(made[2]!, { status: "no_show" });
    await changeBooking(made[2]!, { status: "confirmed" });
    await db
      .updateTable("vendors")
      .set({ category_slug: "daily_goods" })
      .where("id", "=", vendors[2]!)
      .execute();
    counts = await bothCounts();
    expect(counts.kept).toEqual(counts.counted);
    const daily = counts.kept.find(
      (r) =>
        r.local_date === localDate &&
        r.session_key === sessionKey &&
        r.category_slug === "daily_goods",
    );
    expect(daily?.n).toBeGreaterThanOrEqual(1);

    await db.deleteFrom("bookings").where("id", "=", made[2]!).execute();
    // A statement that touches the counted columns without changing them changes nothing.
    await sql`update bookings set status = status, zone_id = zone_id`.execute(db);
    counts = await bothCounts();
    expect(counts.kept).toEqual(counts.counted);
  });
});
