import { describe, expect, it } from "vitest";
import { offset, rectangle, type Position } from "./geo";
import {
  diffLayouts,
  MAX_STALLS,
  readLayoutDocument,
  toFeatureCollection,
  type LayoutDocument,
} from "./layout-document";

const ORIGIN: Position = [113.21, 36.11];
const ring = (x: number, y: number, w: number, d: number) =>
  rectangle(ORIGIN, x, y, w, d).coordinates[0]!;
const CATEGORIES = ["fresh_produce", "crafts"];

function document(): LayoutDocument {
  return {
    boundary: ring(0, 0, 40, 20),
    stalls: [
      {
        code: "A-01",
        ring: ring(2, 2, 3, 2),
        categories: ["fresh_produce"],
        power: true,
        water: false,
        feeFen: 500,
        publicWelfare: false,
      },
      {
        code: "A-02",
        ring: ring(5.5, 2, 3, 2),
        categories: ["crafts"],
        power: false,
        water: false,
        feeFen: 0,
        publicWelfare: true,
      },
    ],
    fireLanes: [{ line: [offset(ORIGIN, 0, 10), offset(ORIGIN, 40, 10)], widthM: 4 }],
    exits: [offset(ORIGIN, 0, 5)],
    extinguishers: [offset(ORIGIN, 4, 1)],
    waterPoints: [],
    powerPoints: [offset(ORIGIN, 3, 1)],
  };
}

const read = (value: unknown) => readLayoutDocument(value, CATEGORIES);
const collection = () => toFeatureCollection(document());

describe("reading the editor's layout", () => {
  it("reads back what it wrote, through JSON", () => {
    const result = read(JSON.parse(JSON.stringify(collection())));
    expect(result).toEqual({ ok: true, document: document() });
  });

  it("refuses what is not a FeatureCollection", () => {
    for (const value of [null, "x", 42, [], { type: "Feature" }, { type: "FeatureCollection" }])
      expect(read(value)).toMatchObject({ ok: false, error: "notGeoJson" });
  });

  it("names the stall whose properties are wrong", () => {
    const value = collection();
    value.features[1]!.properties = { ...value.features[1]!.properties, fee_fen: -5 };
    expect(read(value)).toEqual({
      ok: false,
      error: "badStall",
      params: { code: "A-01" },
    });
    const unknown = collection();
    unknown.features[2]!.properties = { ...unknown.features[2]!.properties, categories: ["guns"] };
    expect(read(unknown)).toMatchObject({ params: { code: "A-02" } });
  });

  it("refuses invalid geometry: out-of-range coordinates, open shapes, crossed boundaries", () => {
    const far = collection();
    (far.features[1]!.geometry as { coordinates: number[][][] }).coordinates[0]![0] = [200, 36];
    expect(read(far)).toMatchObject({ ok: false, error: "badStall" });
    const bowtie = collection();
    const b = ring(0, 0, 40, 20);
    (bowtie.features[0]!.geometry as { coordinates: Position[][] }).coordinates[0] = [
      b[0]!,
      b[2]!,
      b[1]!,
      b[3]!,
      b[0]!,
    ];
    expect(read(bowtie)).toMatchObject({ ok: false, error: "badBoundary" });
    const point = collection();
    point.features[0]!.geometry = { type: "Point", coordinates: ORIGIN } as never;
    expect(read(point)).toMatchObject({ ok: false, error: "badFeature" });
  });

  it("needs exactly one boundary, unique codes and convex stalls", () => {
    const none = collection();
    none.features.shift();
    expect(read(none)).toMatchObject({ error: "oneBoundary" });
    const twice = collection();
    twice.features[2]!.properties = { ...twice.features[2]!.properties, code: "A-01" };
    expect(read(twice)).toMatchObject({
      error: "duplicateCode",
      params: { code: "A-01" },
    });
    const arrow = collection();
    const r = ring(2, 2, 3, 2);
    (arrow.features[1]!.geometry as { coordinates: Position[][] }).coordinates[0] = [
      r[0]!,
      r[1]!,
      offset(ORIGIN, 3.5, 3),
      r[3]!,
      r[0]!,
    ];
    expect(read(arrow)).toMatchObject({ error: "badStallShape" });
  });

  it("takes at most 2,000 stalls", () => {
    const value = collection();
    const stall = value.features[1]!;
    value.features.push(
      ...Array.from({ length: MAX_STALLS }, (_, i) => ({
        ...stall,
        properties: { ...stall.properties, code: `Z-${i}` },
      })),
    );
    expect(read(value)).toMatchObject({ error: "tooManyStalls" });
  });
});

describe("the difference between two versions", () => {
  it("lists stalls added, removed, moved and changed, by code", () => {
    const before = document().stalls;
    const after = document().stalls;
    after[0] = { ...after[0]!, ring: ring(2, 2.5, 3, 2) }; // half a metre north
    after[1] = { ...after[1]!, feeFen: 300 };
    after.push({ ...after[1]!, code: "B-01", ring: ring(2, 8, 3, 2) });
    expect(diffLayouts(before, after)).toEqual({
      added: ["B-01"],
      removed: [],
      moved: ["A-01"],
      changed: ["A-02"],
    });
    expect(diffLayouts(before, after.slice(1))).toMatchObject({ removed: ["A-01"] });
  });
});
