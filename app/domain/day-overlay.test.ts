import { describe, expect, it } from "vitest";
import type { QueuedAction } from "./day-sync";
import { needsReading, stallsWaiting, syncWhy, withWaiting } from "./day-overlay";

const at = "2026-11-30T21:00:00.000Z";
const rows = [
  { id: 1, code: "A-01", status: "confirmed", fee_collected_fen: null },
  { id: 2, code: "A-02", status: "confirmed", fee_collected_fen: 300 },
  { id: 3, code: "A-03", status: "cancelled", fee_collected_fen: null },
  { id: 4, code: "A-04", status: "confirmed", fee_collected_fen: null },
];

describe("the day sheet with what waits to be synced", () => {
  it("shows each waiting action on its row, in the order recorded, and marks the row", () => {
    const waiting: QueuedAction[] = [
      { key: "k1", kind: "checkIn", bookingId: 1, recordedAt: at },
      { key: "k2", kind: "fee", bookingId: 1, amountFen: 300, expectedFen: null, recordedAt: at },
      { key: "k3", kind: "fee", bookingId: 2, amountFen: 500, expectedFen: 300, recordedAt: at },
      { key: "k4", kind: "noShow", bookingId: 3, recordedAt: at },
      { key: "k5", kind: "noShow", bookingId: 4, recordedAt: at },
      { key: "k6", kind: "checkIn", bookingId: 4, recordedAt: at },
    ];
    const shown = withWaiting(rows, waiting);
    expect(shown.map((r) => [r.status, r.fee_collected_fen, r.waiting])).toEqual([
      ["checked_in", 300, true],
      ["confirmed", 500, true],
      // Only a confirmed booking moves: the server would refuse the rest, and will say so.
      ["cancelled", null, true],
      ["no_show", null, true],
    ]);
    expect(rows[0]!.status).toBe("confirmed");
    expect(withWaiting(rows, []).every((r) => !r.waiting)).toBe(true);
  });

  it("holds back the stalls given on the spot until the server has judged", () => {
    expect([
      ...stallsWaiting([
        { key: "w1", kind: "walkUp", stallId: 9, identifier: "x", session: "s", recordedAt: at },
        { key: "c1", kind: "checkIn", bookingId: 9, recordedAt: at },
      ]),
    ]).toEqual([9]);
  });

  it("names why an answer was not recorded, and only conflicts and refusals need reading", () => {
    expect(syncWhy({ key: "k", outcome: "conflict", code: "stallTaken" })).toBe("stallTaken");
    expect(syncWhy({ key: "k", outcome: "refused", code: "somethingNew" })).toBe("other");
    expect(needsReading({ key: "k", outcome: "conflict" })).toBe(true);
    expect(needsReading({ key: "k", outcome: "refused" })).toBe(true);
    expect(needsReading({ key: "k", outcome: "already" })).toBe(false);
    expect(needsReading({ key: "k", outcome: "done" })).toBe(false);
  });
});
