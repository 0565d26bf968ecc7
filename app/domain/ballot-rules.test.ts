import { describe, expect, it } from "vitest";
import { ballotGroup, stallRow, standing, type HistoryBooking } from "./ballot-rules";

const booking = (status: HistoryBooking["status"], startsAt: string, late = 0): HistoryBooking => ({
  status,
  starts_at: startsAt,
  cancelled_late: late,
});

describe("a vendor's standing in a zone", () => {
  it("counts sessions kept since the look-back, less no-shows and late cancellations", () => {
    const history = [
      booking("checked_in", "2026-06-01T22:00:00Z"), // before the look-back: not counted
      booking("checked_in", "2026-09-01T22:00:00Z"),
      booking("checked_in", "2026-09-02T22:00:00Z"),
      booking("checked_in", "2026-09-03T22:00:00Z"),
      booking("no_show", "2026-09-04T22:00:00Z"),
      booking("cancelled", "2026-09-05T22:00:00Z", 1),
      booking("cancelled", "2026-09-06T22:00:00Z", 0),
    ];
    expect(standing(history, "2026-08-01T00:00:00Z")).toEqual({ seniority: 1, newcomer: false });
  });

  it("never goes below nothing, and only a vendor never checked in there is a newcomer", () => {
    expect(standing([booking("no_show", "2026-09-04T22:00:00Z")], "2026-08-01")).toEqual({
      seniority: 0,
      newcomer: true,
    });
    expect(standing([booking("checked_in", "2025-01-04T22:00:00Z")], "2026-08-01")).toEqual({
      seniority: 0,
      newcomer: false,
    });
  });
});

describe("priority groups and rows", () => {
  it("welfare first, farmers' own produce only at rural markets, everyone else regular", () => {
    expect(ballotGroup({ public_welfare: 1 }, "community", false)).toBe("welfare");
    expect(ballotGroup({ public_welfare: 0 }, "rural", true)).toBe("farmer");
    expect(ballotGroup({ public_welfare: 0 }, "community", true)).toBe("regular");
    expect(ballotGroup({ public_welfare: 0 }, "rural", false)).toBe("regular");
  });

  it("a stall's row is what comes before its dash", () => {
    expect(stallRow("A-04")).toBe("A");
    expect(stallRow("NW-12")).toBe("NW");
    expect(stallRow("7")).toBe("7");
  });
});
