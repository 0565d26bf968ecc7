// Price lists against a real database: saving keeps each change with its time and leaves what
// did not change alone; the county's medians come from what lists showed each week. The form
// reader refuses what a board cannot say, by row, never a 500.
import { describe, expect, it } from "vitest";
import { createApprovedVendor } from "#db/testing/factories";
import { readPriceList } from "~/forms/price-list.server";
import { db } from "~/utils/db.server";
import {
  currentPriceList,
  priceHistory,
  savePriceList,
  weeklyPriceMedians,
} from "./price-list.server";

const MONDAY = new Date("2030-03-04T02:00:00Z");
const LATER = new Date("2030-03-13T02:00:00Z");

describe("a vendor's price list", () => {
  it("keeps each change with its time; the list shows the latest, in the vendor's order", async () => {
    const { vendorId } = await createApprovedVendor(db);
    const tomato = { item: "西红柿", unit: "jin" as const, priceFen: 350, origin: "壶关" };
    const millet = { item: "小米", unit: "jin" as const, priceFen: 600, origin: null };
    expect(await savePriceList(db, { vendorId, entries: [tomato, millet] }, MONDAY)).toEqual({
      added: 2,
      retired: 0,
    });
    // A week later: tomatoes dearer, millet first, eggs added.
    const eggs = { item: "土鸡蛋", unit: "each" as const, priceFen: 120, origin: null };
    expect(
      await savePriceList(
        db,
        { vendorId, entries: [millet, { ...tomato, priceFen: 400 }, eggs] },
        LATER,
      ),
    ).toEqual({ added: 2, retired: 1 });
    const list = await currentPriceList(db, vendorId);
    expect(list.map((e) => [e.item, e.priceFen, e.since])).toEqual([
      ["小米", 600, MONDAY.toISOString()],
      ["西红柿", 400, LATER.toISOString()],
      ["土鸡蛋", 120, LATER.toISOString()],
    ]);
    const history = await priceHistory(db, vendorId);
    expect(history).toHaveLength(4);
    expect(history.find((h) => h.price_fen === 350)?.replaced_at).toBe(LATER.toISOString());
    // The same list again changes nothing.
    expect(
      await savePriceList(
        db,
        { vendorId, entries: [millet, { ...tomato, priceFen: 400 }, eggs] },
        LATER,
      ),
    ).toEqual({ added: 0, retired: 0 });
    // Taking everything off leaves an empty board and the whole history.
    await savePriceList(db, { vendorId, entries: [] }, LATER);
    expect(await currentPriceList(db, vendorId)).toEqual([]);
    expect(await priceHistory(db, vendorId)).toHaveLength(4);
  });

  it("gives the county's weekly median per 斤 of common produce", async () => {
    const prices = [300, 360, 1000];
    for (const [i, fen] of prices.entries()) {
      const { vendorId } = await createApprovedVendor(db);
      await savePriceList(
        db,
        {
          vendorId,
          entries: [
            {
              item: i === 1 ? "番茄" : "西红柿",
              unit: i === 2 ? "kg" : "jin",
              priceFen: fen,
              origin: null,
            },
          ],
        },
        new Date("2031-06-03T02:00:00Z"),
      );
    }
    const medians = await weeklyPriceMedians(db, {
      from: "2031-06-02",
      to: "2031-06-15",
      timeZone: "Asia/Shanghai",
    });
    // 300, 360 and 1000/kg = 500/斤: the median is 360, both weeks.
    expect(medians.filter((m) => m.item === "西红柿")).toEqual([
      { week: "2031-06-02", item: "西红柿", medianFenPerJin: 360, vendors: 3 },
      { week: "2031-06-09", item: "西红柿", medianFenPerJin: 360, vendors: 3 },
    ]);
  });
});

describe("the price list form", () => {
  const form = (rows: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(rows)) data.set(k, v);
    return data;
  };

  it("reads rows, leaving out blank ones", () => {
    expect(
      readPriceList(
        form({
          "item.0": " 西红柿 ",
          "unit.0": "jin",
          "price.0": "３.５",
          "origin.0": "壶关",
          "item.1": "",
          "price.1": "",
          "item.2": "土鸡蛋",
          "unit.2": "each",
          "price.2": "1.2",
        }),
      ),
    ).toEqual({
      ok: true,
      entries: [
        { item: "西红柿", unit: "jin", priceFen: 350, origin: "壶关" },
        { item: "土鸡蛋", unit: "each", priceFen: 120, origin: null },
      ],
    });
  });

  it("says what is wrong with each row", () => {
    const read = readPriceList(
      form({
        "item.0": "西红柿",
        "unit.0": "ton",
        "price.0": "-3",
        "item.1": "",
        "price.1": "2",
        "unit.1": "jin",
        "item.2": "<script>alert(1)</script>长长长长长长",
        "unit.2": "jin",
        "price.2": "1e3",
      }),
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        "unit.0": "prices.error.unit",
        "price.0": "prices.error.price",
        "item.1": "prices.error.item",
        "item.2": "prices.error.itemLong",
        "price.2": "prices.error.price",
      },
    });
    const twice = readPriceList(
      form({
        "item.0": "小米",
        "unit.0": "jin",
        "price.0": "6",
        "item.1": "小米",
        "unit.1": "jin",
        "price.1": "7",
      }),
    );
    expect(twice).toEqual({ ok: false, errors: { form: "prices.error.duplicate" } });
  });
});
