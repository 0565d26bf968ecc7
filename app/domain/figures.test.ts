import { describe, expect, it } from "vitest";
import { toCsv, weeklyFigures, zoneFigures, type BookingRow } from "./figures";

const row = (over: Partial<BookingRow>): BookingRow => ({
  zone_id: 1,
  local_date: "2026-11-23",
  status: "checked_in",
  fee_fen: 500,
  fee_collected_fen: 500,
  public_welfare: 0,
  ...over,
});

// Zone 1: four sessions (two a week), ten stalls each: forty stall-sessions.
const capacity = {
  zoneId: 1,
  sessionDates: ["2026-11-23", "2026-11-26", "2026-11-30", "2026-12-03"],
  stalls: 10,
};
const bookings = [
  row({}),
  row({ fee_collected_fen: 300 }),
  row({ public_welfare: 1, fee_fen: 0, fee_collected_fen: null }),
  row({ status: "no_show", fee_collected_fen: null }),
  row({ status: "cancelled", fee_collected_fen: null }),
  row({ local_date: "2026-11-30", status: "confirmed", fee_collected_fen: null }),
  row({ zone_id: 2 }),
];

describe("the county's figures", () => {
  it("count occupancy, no-shows, fees and public-welfare stalls per market", () => {
    expect(zoneFigures(capacity, bookings)).toEqual({
      zoneId: 1,
      sessions: 4,
      capacity: 40,
      booked: 5, // the cancellation took no stall
      occupancy: 0.125,
      checkedIn: 3,
      noShows: 1,
      noShowRate: 0.25,
      feesDueFen: 1000,
      feesCollectedFen: 800,
      welfareProvided: 1,
    });
  });

  it("split capacity and bookings by week", () => {
    expect(
      weeklyFigures(
        [capacity],
        bookings.filter((b) => b.zone_id === 1),
      ),
    ).toEqual([
      { week: "2026-11-23", zoneId: 1, capacity: 20, booked: 4, occupancy: 0.2 },
      { week: "2026-11-30", zoneId: 1, capacity: 20, booked: 1, occupancy: 0.05 },
    ]);
  });

  it("write CSV a spreadsheet opens: BOM, quoting, CRLF, no formulas", () => {
    expect(
      toCsv(
        ["市场", "note"],
        [
          ["福馨, 社区", 'say "hi"'],
          ["=SUM(A1)", -3],
        ],
      ),
    ).toBe('\uFEFF市场,note\r\n"福馨, 社区","say ""hi"""\r\n\'=SUM(A1),-3\r\n');
  });
});
