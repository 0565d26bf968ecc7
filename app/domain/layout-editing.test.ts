import { describe, expect, it } from "vitest";
import { offset, rectangle, toMetres, type Position } from "./geo";
import {
  addRow,
  addRowAlong,
  duplicateRow,
  marketAngle,
  moveRow,
  nextCode,
  removeRow,
  resizeStall,
  rowLetters,
  setLaneWidth,
  updateStall,
  type EditorCollection,
  type RowSpec,
} from "./layout-editing";

const ORIGIN: Position = [113.21, 36.11];
const empty = (rotation = 0): EditorCollection => ({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      geometry: {
        type: "Polygon",
        coordinates: rectangle(ORIGIN, 0, 0, 60, 30, rotation).coordinates,
      },
      properties: { kind: "boundary" },
    },
  ],
});
const spec: RowSpec = {
  letter: "X",
  count: 10,
  widthM: 2,
  depthM: 2,
  gapM: 0.5,
  eastM: 5,
  northM: 10,
  angleDeg: 0,
  categories: ["crafts"],
  feeFen: 300,
  power: false,
  water: false,
  publicWelfare: false,
};
const stallRing = (c: EditorCollection, code: string) =>
  (c.features.find((f) => f.properties.code === code)!.geometry.coordinates as Position[][])[0]!;
const metres = (p: Position) => toMetres(ORIGIN, p).map((v) => Math.round(v * 100) / 100);

describe("the layout editor's operations", () => {
  it("lay a row of stalls along the market from a start in metres", () => {
    const c = addRow(empty(), spec);
    expect(rowLetters(c)).toEqual(["X"]);
    expect(c.features.filter((f) => f.properties.kind === "stall")).toHaveLength(10);
    expect(metres(stallRing(c, "X-01")[0]!)).toEqual([5, 10]);
    expect(metres(stallRing(c, "X-10")[0]!)).toEqual([27.5, 10]);
    expect(c.features.at(-1)!.properties).toMatchObject({
      code: "X-10",
      categories: ["crafts"],
      fee_fen: 300,
    });
  });

  it("follow a turned market's own grid", () => {
    const turned = empty(30);
    expect(marketAngle(turned)).toBeCloseTo(30, 0);
    const c = addRow(turned, { ...spec, eastM: 10, northM: 0, angleDeg: 30 });
    const [x, y] = metres(stallRing(c, "X-01")[0]!);
    expect(x).toBeCloseTo(8.66, 1);
    expect(y).toBeCloseTo(5, 1);
  });

  it("lay a row along a line drawn on the map", () => {
    const c = addRowAlong(empty(), spec, [offset(ORIGIN, 10, 5), offset(ORIGIN, 10, 25)]);
    // Northwards from (10, 5): each stall 2.5 m further north, its depth towards the west.
    expect(metres(stallRing(c, "X-01")[0]!)).toEqual([10, 5]);
    expect(metres(stallRing(c, "X-03")[0]!)).toEqual([10, 10]);
  });

  it("move, copy and delete a whole row", () => {
    const c = addRow(empty(), spec);
    const moved = moveRow(c, "X", 0, 8);
    expect(metres(stallRing(moved, "X-01")[0]!)).toEqual([5, 18]);
    const copied = duplicateRow(moved, "X", "Y", 0, 4);
    expect(rowLetters(copied)).toEqual(["X", "Y"]);
    expect(metres(stallRing(copied, "Y-03")[0]!)).toEqual([10, 22]);
    expect(rowLetters(removeRow(copied, "X"))).toEqual(["Y"]);
  });

  it("change or delete one stall, and find the next free code", () => {
    const c = addRow(empty(), spec);
    const changed = updateStall(c, "X-02", { power: true, fee_fen: 800 });
    expect(changed.features.find((f) => f.properties.code === "X-02")!.properties).toMatchObject({
      power: true,
      fee_fen: 800,
    });
    const fewer = updateStall(c, "X-02", null);
    expect(nextCode(fewer, "X")).toBe("X-02");
    expect(nextCode(c, "X")).toBe("X-11");
    expect(nextCode(c, "N")).toBe("N-01");
    expect(offset(ORIGIN, 0, 0)).toEqual(ORIGIN);
  });

  it("resize a stall in metres from its first corner, and set or remove a lane's width", () => {
    const c = resizeStall(addRow(empty(), spec), "X-01", 3, 2.5);
    expect(stallRing(c, "X-01").slice(0, 3).map(metres)).toEqual([
      [5, 10],
      [8, 10],
      [8, 12.5],
    ]);
    const lane: EditorCollection = {
      ...c,
      features: [
        ...c.features,
        {
          type: "Feature",
          geometry: { type: "LineString", coordinates: [ORIGIN, offset(ORIGIN, 50, 0)] },
          properties: { kind: "fire_lane", width_m: null },
        },
      ],
    };
    const index = lane.features.length - 1;
    expect(setLaneWidth(lane, index, 6).features[index]!.properties.width_m).toBe(6);
    expect(setLaneWidth(lane, index, null).features).toHaveLength(index);
  });
});
