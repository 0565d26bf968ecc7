import { describe, expect, it } from "vitest";
import { offset, parsePolygon, rectangle, ringCenter, toMetres, type Position } from "./geo";

const seat: Position = [113.21, 36.11];

describe("offset and toMetres", () => {
  it("are inverse to within a centimetre over a kilometre", () => {
    const point = offset(seat, 850, -420);
    const [east, north] = toMetres(seat, point);
    expect(east).toBeCloseTo(850, 1);
    expect(north).toBeCloseTo(-420, 1);
  });

  it("moves north by latitude only", () => {
    const point = offset(seat, 0, 111.32);
    expect(point[0]).toBe(seat[0]);
    expect(point[1]).toBeCloseTo(36.111, 6);
  });
});

describe("rectangle", () => {
  it("is a closed counter-clockwise ring of the given size", () => {
    const { coordinates } = rectangle(seat, 10, 5, 3, 2.5);
    const ring = coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const metres = ring.map((p) => toMetres(seat, p));
    expect(metres[0]![0]).toBeCloseTo(10, 1);
    expect(metres[2]![0]).toBeCloseTo(13, 1);
    expect(metres[2]![1]).toBeCloseTo(7.5, 1);
    // Shoelace: positive area means counter-clockwise.
    let twiceArea = 0;
    for (let i = 0; i < 4; i++) {
      twiceArea += metres[i]![0] * metres[i + 1]![1] - metres[i + 1]![0] * metres[i]![1];
    }
    expect(twiceArea / 2).toBeCloseTo(7.5, 1);
  });

  it("keeps its size when the grid is turned", () => {
    const ring = rectangle(seat, 0, 0, 4, 3, 30).coordinates[0]!;
    const [a, b] = [toMetres(seat, ring[0]!), toMetres(seat, ring[1]!)];
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(4, 1);
  });
});

describe("ringCenter", () => {
  it("ignores the closing point", () => {
    const ring = rectangle(seat, 0, 0, 10, 10).coordinates[0]!;
    const [east, north] = toMetres(seat, ringCenter(ring));
    expect(east).toBeCloseTo(5, 1);
    expect(north).toBeCloseTo(5, 1);
  });
});

describe("parsePolygon", () => {
  it("reads a stored polygon", () => {
    const polygon = rectangle(seat, 0, 0, 1, 1);
    expect(parsePolygon(JSON.stringify(polygon))).toEqual(polygon);
  });

  it.each([
    ["not JSON", "{"],
    ["a point", JSON.stringify({ type: "Point", coordinates: [1, 2] })],
    [
      "an open ring",
      JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ],
    [
      "too few points",
      JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ],
    [
      "latitude out of range",
      JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 95],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ],
    [
      "strings for numbers",
      JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            ["0", 0],
            [1, 0],
            [1, 1],
            ["0", 0],
          ],
        ],
      }),
    ],
  ])("refuses %s", (_name, text) => {
    expect(parsePolygon(text)).toBeNull();
  });
});
