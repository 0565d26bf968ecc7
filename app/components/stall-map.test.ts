import { describe, expect, it } from "vitest";
import { packStalls, unpackStalls, type MapStall } from "./stall-map";

describe("stalls packed for a page", () => {
  it("come back as they went, corners to a millionth of a degree, the closing corner implied", () => {
    const stalls: MapStall[] = [
      {
        id: 7,
        code: "A-01",
        tone: "taken",
        color: "#2f9e44",
        label: "A-01 · 周家小番茄",
        ring: [
          [113.2123456789, 36.1098765432],
          [113.2124, 36.1098765432],
          [113.2124, 36.1099],
          [113.2123456789, 36.1099],
          [113.2123456789, 36.1098765432],
        ],
      },
      {
        id: 8,
        code: "A-02",
        tone: "free",
        label: "A-02 · 空闲",
        ring: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      },
    ];
    const packed = packStalls(stalls);
    expect(unpackStalls(packed)).toEqual([
      {
        ...stalls[0],
        ring: [
          [113.212346, 36.109877],
          [113.2124, 36.109877],
          [113.2124, 36.1099],
          [113.212346, 36.1099],
        ],
      },
      stalls[1],
    ]);
    // No key names travel: a stall is a flat array.
    expect(packed).not.toContain('"ring"');
    // The same rings again (as kept layouts send them) pack the same; words are JSON-escaped.
    expect(packStalls(stalls)).toBe(packed);
    const odd = { ...stalls[1]!, code: 'A-"3"', label: "A-3 · \\ </script>" };
    expect(unpackStalls(packStalls([odd]))).toEqual([odd]);
  });
});
