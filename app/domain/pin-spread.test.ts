import { describe, expect, it } from "vitest";
import { labelWidth, overlaps, spreadPins, type PinBox } from "./pin-spread";

describe("spreading map pins", () => {
  it("leaves pins that do not touch where they are", () => {
    const boxes = [
      { x: 0, y: 0, w: 100, h: 28 },
      { x: 0, y: 100, w: 100, h: 28 },
    ];
    expect(spreadPins(boxes)).toEqual(boxes);
  });

  it("pushes five pins on one spot apart until none covers another", () => {
    const boxes: PinBox[] = Array.from({ length: 5 }, (_, i) => ({
      x: 200 + (i % 2),
      y: 150,
      w:
        30 +
        labelWidth(
          [
            "福馨社区便民市场",
            "水塔社区早晚市",
            "城北社区文明实践集市",
            "太行街夜市",
            "城东街早市",
          ][i]!,
        ),
      h: 28,
    }));
    const spread = spreadPins(boxes);
    for (let i = 0; i < spread.length; i++)
      for (let j = i + 1; j < spread.length; j++)
        expect(overlaps(spread[i]!, spread[j]!), `${i} and ${j}`).toBe(false);
    // Each moved no further than the stack of them needs.
    for (const box of spread) expect(Math.abs(box.y - 150)).toBeLessThanOrEqual(5 * 32);
  });

  it("keeps pins inside the map, still apart", () => {
    const boxes = [
      { x: 350, y: 100, w: 120, h: 28 },
      { x: 340, y: 104, w: 120, h: 28 },
    ];
    const spread = spreadPins(boxes, { within: { width: 360, height: 300 } });
    for (const b of spread) expect(b.x + b.w / 2).toBeLessThanOrEqual(360);
    expect(overlaps(spread[0]!, spread[1]!)).toBe(false);
  });

  it("is the same every time for the same pins", () => {
    const boxes = [
      { x: 10, y: 10, w: 60, h: 28 },
      { x: 12, y: 14, w: 60, h: 28 },
      { x: 11, y: 9, w: 60, h: 28 },
    ];
    expect(spreadPins(boxes)).toEqual(spreadPins(boxes));
  });

  it("measures Chinese wider than Latin letters", () => {
    expect(labelWidth("龙泉公园晚市")).toBeGreaterThan(labelWidth("Longquan"));
  });
});
