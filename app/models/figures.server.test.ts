import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { requestAs, testContext } from "#db/testing/requests";
import { db } from "~/utils/db.server";
import { loader as csvLoader } from "~/routes/manage.figures[.]csv";
import { dashboardFigures } from "./figures.server";

const ZONE = "chengdong-street-morning";

describe("the county's figures on a known week", () => {
  it("count capacity, bookings, no-shows, fees and reports for the week of 16 November", async () => {
    const stalls = await stallsTaking(db, ZONE, "fresh_produce");
    const zoneId = stalls[0]!.zone_id;
    const morning = await templateKey(db, ZONE, "morning");
    const book = async (
      i: number,
      date: string,
      status: "checked_in" | "no_show",
      collected: number | null,
    ) => {
      const vendor = await createApprovedVendor(db);
      await db
        .insertInto("bookings")
        .values({
          zone_id: zoneId,
          stall_id: stalls[i]!.id,
          vendor_id: vendor.vendorId,
          local_date: date,
          session_key: morning,
          starts_at: `${date}T00:00:00.000Z`,
          ends_at: `${date}T01:00:00.000Z`,
          status,
          fee_fen: 300,
          fee_collected_fen: collected,
          idempotency_key: `figures-${i}-${date}`,
          created_at: "2026-11-10T00:00:00.000Z",
          updated_at: "2026-11-10T00:00:00.000Z",
        })
        .execute();
    };
    await book(0, "2026-11-16", "checked_in", 300);
    await book(1, "2026-11-18", "checked_in", null);
    await book(2, "2026-11-22", "no_show", null);
    await book(3, "2026-11-23", "checked_in", 300); // the next week: outside the period

    const figures = await dashboardFigures(
      db,
      { zoneIds: [zoneId], from: "2026-11-16", to: "2026-11-22", today: "2026-11-28" },
      new Date("2026-11-28T00:00:00Z"),
    );
    // Chengdong: a morning market every day, 48 stalls.
    expect(figures.zones[0]).toMatchObject({
      sessions: 7,
      capacity: 7 * 48,
      booked: 3,
      occupancy: 0.009,
      checkedIn: 2,
      noShows: 1,
      noShowRate: 0.333,
      feesDueFen: 600,
      feesCollectedFen: 300,
      welfareProvided: 0,
      inspectionsDone: 0,
    });
    expect(figures.weeks).toEqual([
      { week: "2026-11-16", zoneId, capacity: 336, booked: 3, occupancy: 0.009 },
    ]);
    const vendors = await db.selectFrom("vendors").select("status").execute();
    expect(figures.vendors).toEqual({
      registered: vendors.length,
      approved: vendors.filter((v) => v.status === "approved").length,
      active: 2,
    });
  });

  it("export each table as CSV for the office, in the reader's language", async () => {
    const response = await csvLoader({
      request: await requestAs(
        "office@jishi.example",
        "/manage/figures.csv?table=zones&from=2026-11-16&to=2026-11-22",
        {
          headers: { "Accept-Language": "en" },
        },
      ),
      params: {},
      context: testContext,
    });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte-order mark (which text() would hide) tells a spreadsheet the file is UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("Market,Sessions,")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 7);
    expect(lines.find((l) => l.startsWith("Chengdong"))).toContain(",7,336,");
  });
});
