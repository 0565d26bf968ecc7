import { describe, expect, it } from "vitest";
import {
  colorAt,
  geometryUrl,
  packColors,
  packGeometry,
  packStalls,
  publishedMap,
  stallsOnMap,
  unpackGeometry,
  unpackStalls,
  type MapStall,
} from "./stall-map";

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

describe("a published layout's map", () => {
  const outlines = [
    {
      id: 3,
      code: "B-01",
      ring: [
        [113.2, 36.1],
        [113.2001, 36.1],
        [113.2001, 36.1001],
        [113.2, 36.1],
      ] as [number, number][],
    },
    { id: 4, code: 'B-"2"', ring: [[1, 2] as [number, number]] },
  ];

  it("travels as outlines in a file and tones in the page, and is drawn from both", () => {
    const file = packGeometry(outlines);
    // Kept per layout: the same array packs to the same string, without working it out again.
    expect(packGeometry(outlines)).toBe(file);
    expect(unpackGeometry(file)).toEqual([
      { ...outlines[0], ring: outlines[0]!.ring.slice(0, -1) },
      outlines[1],
    ]);
    const state = publishedMap(
      [
        { layout_id: 9, tone: "mine" as const },
        { layout_id: 9, tone: "held" as const },
      ],
      (s) => s.tone,
    );
    expect(state).toEqual({ layout: 9, tones: "mh" });
    expect(geometryUrl(9)).toBe("/layouts/9/stalls.json");
    const colors = packColors(["#009e73", "#d55e00"]);
    const drawn = stallsOnMap(unpackGeometry(file), state!.tones, ({ code, tone }, i) => ({
      label: `${code} ${tone}`,
      color: colorAt(colors, i),
    }));
    expect(drawn?.map(({ id, tone, label, color }) => ({ id, tone, label, color }))).toEqual([
      { id: 3, tone: "mine", label: "B-01 mine", color: "#009e73" },
      { id: 4, tone: "held", label: 'B-"2" held', color: "#d55e00" },
    ]);
    // Tones for another layout's stalls are not drawn on this one's.
    expect(stallsOnMap(unpackGeometry(file), "f", () => ({ label: "" }))).toBeNull();
    expect(publishedMap([], () => "free")).toBeNull();
  });

  it("sends each colour once, and a letter a stall", () => {
    const colors = packColors(["#a", "#b", "#a", "#a"]);
    expect(colors).toEqual({ palette: ["#a", "#b"], letters: "abaa" });
    expect([0, 1, 2, 3, 4].map((i) => colorAt(colors, i))).toEqual([
      "#a",
      "#b",
      "#a",
      "#a",
      undefined,
    ]);
  });
});
