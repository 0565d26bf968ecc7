import { describe, expect, it } from "vitest";
import { rectangle, type Position } from "./geo";
import { nearestFirst, planCarryOver, type HeldBooking, type NewStall } from "./stall-placement";

const ORIGIN: Position = [113.21, 36.11];
/** A 3 × 2 m stall whose corner is `x` metres east of the origin, as stored GeoJSON. */
const at = (x: number) => JSON.stringify(rectangle(ORIGIN, x, 0, 3, 2));

const stall = (id: number, code: string, x: number, categories = ["fresh_produce"]): NewStall => ({
  id,
  code,
  geometry: at(x),
  categories,
});
const booking = (id: number, code: string, x: number, extra: Partial<HeldBooking> = {}) => ({
  id,
  code,
  geometry: at(x),
  localDate: "2026-12-01",
  sessionKey: "t1",
  category: "fresh_produce",
  ...extra,
});

describe("nearestFirst", () => {
  it("orders by whole metres, then by code", () => {
    const sorted = nearestFirst(ORIGIN, [stall(1, "B", 20), stall(2, "A", 20), stall(3, "C", 4)]);
    expect(sorted.map((s) => [s.code, s.distanceM])).toEqual([
      ["C", 6],
      ["A", 22],
      ["B", 22],
    ]);
  });
});

describe("planCarryOver", () => {
  it("keeps surviving codes, moves the others to the nearest free stall that fits, cancels the rest", () => {
    const plan = planCarryOver(
      [
        booking(1, "A-01", 0),
        booking(2, "A-02", 4), // A-02 is gone: nearest fitting stall is A-03 (A-01 is kept)
        booking(3, "A-09", 40), // gone; the only other fitting stall left is far away
        booking(4, "A-10", 44), // gone; nothing fitting is free any more
        booking(5, "A-11", 48, { sessionKey: "t2" }), // another session: A-03 is free there
      ],
      [
        stall(10, "A-01", 0),
        stall(11, "A-03", 8),
        stall(12, "G-01", 44, ["games_rides"]),
        stall(13, "A-20", 100),
      ],
    );
    expect(plan.kept).toEqual([{ bookingId: 1, stallId: 10 }]);
    expect(plan.moved).toEqual([
      { bookingId: 2, stallId: 11, from: "A-02", to: "A-03" },
      { bookingId: 3, stallId: 13, from: "A-09", to: "A-20" },
      { bookingId: 5, stallId: 11, from: "A-11", to: "A-03" },
    ]);
    expect(plan.cancelled).toEqual([{ bookingId: 4, from: "A-10" }]);
  });

  it("never moves a booking onto a stall a kept booking holds, whatever the order", () => {
    const plan = planCarryOver(
      [booking(1, "X-01", 8), booking(2, "A-03", 8)],
      [stall(11, "A-03", 8)],
    );
    expect(plan.kept).toEqual([{ bookingId: 2, stallId: 11 }]);
    expect(plan.cancelled).toEqual([{ bookingId: 1, from: "X-01" }]);
  });
});
