import { area as turfArea, intersect, polygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { offset, rectangle, toMetres, type Position } from "./geo";
import {
  checkLayout,
  DEFAULT_LAYOUT_RULES,
  rowOf,
  type CheckId,
  type DraftLayout,
  type DraftStall,
} from "./layout-checks";
import { convexOverlapDepth, type Point } from "./plane";

// A 60 × 40 m zone at Huguan; every shape is placed in metres from its south-west corner.
const ORIGIN: Position = [113.21, 36.11];
const at = (east: number, north: number) => offset(ORIGIN, east, north);
const ring = (x: number, y: number, w: number, d: number, rotation = 0) =>
  rectangle(ORIGIN, x, y, w, d, rotation).coordinates[0]!;
const stall = (code: string, x: number, y: number, power = false): DraftStall => ({
  code,
  ring: ring(x, y, 3, 2),
  power,
});
/** A row of `count` 3 × 2 m stalls with 0.5 m between them, from (x, y) eastwards. */
const row = (letter: string, count: number, x: number, y: number, power = false) =>
  Array.from({ length: count }, (_, i) =>
    stall(`${letter}-${String(i + 1).padStart(2, "0")}`, x + i * 3.5, y, power),
  );

/** Two rows facing each other across a 3 m aisle, a fire lane along the north, all in reach. */
function good(): DraftLayout {
  return {
    boundary: ring(0, 0, 60, 40),
    stalls: [...row("A", 8, 10, 5, true), ...row("B", 8, 10, 10)],
    fireLanes: [{ line: [at(0, 30), at(60, 30)], widthM: null }],
    exits: [at(0, 10), at(60, 10)],
    extinguishers: [at(15, 8.5), at(32, 8.5)],
    powerPoints: [at(24, 4)],
  };
}

const failing = (draft: DraftLayout) =>
  Object.fromEntries(
    checkLayout(draft, DEFAULT_LAYOUT_RULES)
      .filter((c) => !c.passed)
      .map((c) => [c.id, c.offenders]),
  ) as Partial<Record<CheckId, string[]>>;

describe("layout checks", () => {
  it("pass a layout made to pass them all", () => {
    const results = checkLayout(good(), DEFAULT_LAYOUT_RULES);
    expect(results.map((r) => [r.id, r.passed])).toEqual([
      ["inside", true],
      ["overlap", true],
      ["fireLanes", true],
      ["aisles", true],
      ["extinguishers", true],
      ["exits", true],
      ["power", true],
      ["coverage", true],
    ]);
    expect(results.at(-1)).toMatchObject({ value: 0.04, limit: 0.5 });
  });

  it("find a stall outside the boundary", () => {
    const draft = good();
    draft.stalls.push(stall("C-01", 58.5, 20)); // 1.5 m past the east edge
    expect(failing(draft).inside).toEqual(["C-01"]);
  });

  it("find stalls that overlap, but not stalls that only touch", () => {
    const draft = good();
    draft.stalls.push(stall("C-01", 40, 20), stall("C-02", 42, 20.5), stall("C-03", 45, 20));
    // C-02 overlaps C-01 by a metre; C-03 touches C-02's east edge and is fine.
    expect(failing(draft).overlap).toEqual(["C-01", "C-02"]);
  });

  it("find stalls standing in a fire lane, by its own width or the zone's", () => {
    const draft = good();
    draft.stalls.push(...row("X", 3, 20, 30.5)); // on the lane's centre line
    draft.stalls.push(stall("Y-01", 45, 32.5)); // 2.5 m north of the centre: clear of 4 m
    expect(failing(draft).fireLanes).toEqual(["X-01", "X-02", "X-03"]);
    draft.fireLanes[0]!.widthM = 6;
    expect(failing(draft).fireLanes).toEqual(["X-01", "X-02", "X-03", "Y-01"]);
  });

  it("find facing rows closer than the aisle, but allow rows back to back", () => {
    const draft = good();
    draft.stalls.push(...row("C", 2, 10, 13.5)); // 1.5 m north of row B
    draft.stalls.push(...row("D", 2, 40, 22), ...row("E", 2, 40, 24)); // back to back
    // Only stalls that face each other across the gap: B-03 is past the end of row C.
    expect(failing(draft).aisles).toEqual(["B-01", "B-02", "C-01", "C-02"]);
  });

  it("find stalls beyond an extinguisher's reach", () => {
    const draft = good();
    draft.extinguishers = [at(15, 8.5)];
    // A-08's far corner (37.5, 5) is 22.8 m away; A-07's (34, 5) 19.3 m.
    expect(failing(draft).extinguishers).toEqual(["A-08", "B-08"]);
    draft.extinguishers = [];
    expect(failing(draft).extinguishers).toHaveLength(16);
  });

  it("find stalls too far from an exit", () => {
    const draft = good();
    draft.exits = [at(0, 10)];
    draft.stalls.push(stall("C-01", 45, 20));
    expect(failing(draft).exits).toEqual(["C-01"]);
  });

  it("find powered stalls out of a power point's reach, and ignore stalls without power", () => {
    const draft = good();
    draft.powerPoints = [at(0, 0)];
    expect(failing(draft).power).toEqual(["A-06", "A-07", "A-08"]);
    draft.powerPoints = [];
    expect(failing(draft).power).toHaveLength(8); // row A has power, row B none
  });

  it("measure the share of the zone covered by stalls against the limit", () => {
    const draft = good();
    // 13 rows of 16 stalls of 6 m²: 1,248 m² of 2,400.
    draft.stalls = Array.from({ length: 13 }, (_, r) =>
      row(String.fromCharCode(65 + r), 16, 1, 1 + r * 3),
    ).flat();
    const coverage = checkLayout(draft, DEFAULT_LAYOUT_RULES).find((c) => c.id === "coverage")!;
    expect(coverage.passed).toBe(false);
    expect(coverage.value).toBeCloseTo(0.52, 2);
  });

  it("read a stall's row from its code", () => {
    expect(rowOf("B-07")).toBe("B");
    expect(rowOf("AA-12")).toBe("AA");
    expect(rowOf("W1")).toBe("W1");
  });
});

describe("the overlap test agrees with turf", () => {
  it("on rotated rectangles scattered at random", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1;
    for (let i = 0; i < 300; i++) {
      const a = ring(random() * 6, random() * 6, 1 + random() * 3, 1 + random() * 3, random() * 90);
      const b = ring(random() * 6, random() * 6, 1 + random() * 3, 1 + random() * 3, random() * 90);
      const m = (r: Position[]): Point[] => r.slice(0, -1).map((p) => toMetres(ORIGIN, p));
      const shared = intersect({
        type: "FeatureCollection",
        features: [polygon([a]), polygon([b])],
      });
      const sharedArea = shared ? turfArea(shared) : 0;
      const depth = convexOverlapDepth(m(a), m(b));
      // Depth and shared area are different measures: compare them where neither is marginal.
      if (sharedArea > 0.05) expect(depth, `pair ${i}`).toBeGreaterThan(0);
      if (sharedArea === 0) expect(depth, `pair ${i}`).toBeLessThan(0.01);
    }
  });
});
