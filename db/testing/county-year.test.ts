import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { generateCountyYear } from "./county-year";

describe("the generated county year", () => {
  it("holds the asked counts, every booking on a stall of its market by a vendor of its kind", async () => {
    const year = await generateCountyYear(
      db,
      { zones: 3, vendors: 150, bookings: 2000 },
      new Date("2026-11-28T02:00:00Z"),
    );
    expect(year.slugs).toEqual(["county-01", "county-02", "county-03"]);
    expect(year).toMatchObject({ vendors: 150, bookings: 2000 });
    const rows = await db
      .selectFrom("bookings")
      .innerJoin("zones", "zones.id", "bookings.zone_id")
      .innerJoin("stalls", "stalls.id", "bookings.stall_id")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .innerJoin("stall_categories", "stall_categories.stall_id", "stalls.id")
      .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
      .select([
        "layouts.zone_id as layoutZone",
        "bookings.zone_id",
        "bookings.status",
        "bookings.local_date",
        "stall_categories.category_slug as takes",
        "vendors.category_slug as sells",
      ])
      .where("zones.slug", "like", "county-%")
      .execute();
    expect(rows).toHaveLength(2000);
    expect(rows.every((r) => r.layoutZone === r.zone_id && r.takes === r.sells)).toBe(true);
    expect(
      rows.filter((r) => r.local_date > "2026-11-28").every((r) => r.status === "confirmed"),
    ).toBe(true);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(["checked_in", "no_show", "cancelled", "confirmed"]),
    );
  });
});
