import { describe, expect, it } from "vitest";
import {
  commonProduce,
  diffPriceList,
  duplicateItems,
  weeklyMedians,
  type PriceVersion,
} from "./price-list";

const tomato = { item: "西红柿", unit: "jin" as const, priceFen: 300, origin: "壶关" };
const eggs = { item: "土鸡蛋", unit: "each" as const, priceFen: 150, origin: null };

describe("a new price list against the one shown", () => {
  it("adds what is new or changed, retires what it replaces or drops, keeps the rest", () => {
    const current = [
      { id: 1, ...tomato },
      { id: 2, ...eggs },
      { id: 3, item: "小米", unit: "jin" as const, priceFen: 600, origin: null },
    ];
    const next = [
      { ...tomato },
      { ...eggs, priceFen: 160 },
      { ...tomato, unit: "kg" as const, priceFen: 550 },
    ];
    expect(diffPriceList(current, next)).toEqual({
      add: [next[1], next[2]],
      retire: [2, 3],
    });
    // A new origin is a change too; the same list again changes nothing.
    expect(diffPriceList(current, [{ ...tomato, origin: "长治" }]).add).toHaveLength(1);
    expect(diffPriceList(current, current)).toEqual({ add: [], retire: [] });
  });

  it("finds an item written twice in the same unit", () => {
    expect(duplicateItems([tomato, { ...tomato, priceFen: 350 }, eggs])).toEqual(["西红柿"]);
    expect(duplicateItems([tomato, { ...tomato, unit: "kg" }])).toEqual([]);
  });
});

describe("weekly median prices of common produce", () => {
  const day = (instant: string) => instant.slice(0, 10);
  const v = (
    vendorId: number,
    item: string,
    priceFen: number,
    from: string,
    until: string | null = null,
    unit: PriceVersion["unit"] = "jin",
  ): PriceVersion => ({
    vendorId,
    item,
    unit,
    priceFen,
    origin: null,
    from,
    until,
  });

  it("takes each vendor's price at the end of each week, by the food's usual name, per 斤", () => {
    const versions = [
      v(1, "西红柿", 300, "2026-11-02T01:00:00Z", "2026-11-12T01:00:00Z"),
      v(1, "西红柿", 400, "2026-11-12T01:00:00Z"),
      v(2, "番茄", 260, "2026-11-03T01:00:00Z"),
      v(3, "洋柿子", 1000, "2026-11-04T01:00:00Z", null, "kg"),
      // Sold by the piece, or not a common food: left out.
      v(4, "西红柿", 50, "2026-11-04T01:00:00Z", null, "each"),
      v(5, "手工剪纸", 2000, "2026-11-04T01:00:00Z"),
    ];
    expect(commonProduce(" 番茄 ")).toBe("西红柿");
    expect(weeklyMedians(versions, ["2026-11-02", "2026-11-09"], day)).toEqual([
      { week: "2026-11-02", item: "西红柿", medianFenPerJin: 300, vendors: 3 },
      { week: "2026-11-09", item: "西红柿", medianFenPerJin: 400, vendors: 3 },
    ]);
    // Before anyone wrote a price, nothing.
    expect(weeklyMedians(versions, ["2026-10-26"], day)).toEqual([]);
  });
});
