// Price lists (明码标价): what a vendor writes up on their phone, how a new list differs from the
// one shown (each change kept with its time), and the county's weekly median prices of common
// produce from everyone's lists.
import { synonymGroup } from "./food-synonyms";
import { addDays, weekStart } from "./calendar";
import type { PriceUnit } from "#db/schema";

export type { PriceUnit };

/** The units a market sells by: 斤 (500 g), 公斤, 个, 把, 份, 袋, 盒. */
export const PRICE_UNITS = [
  "jin",
  "kg",
  "each",
  "bunch",
  "portion",
  "bag",
  "box",
] as const satisfies readonly PriceUnit[];

/** Enough for a stall's board, few enough to keep up to date from a phone. */
export const MAX_PRICE_ITEMS = 30;
/** The rows a price form may send: the list's limit and a few blank ones beyond. */
export const PRICE_FORM_ROWS = MAX_PRICE_ITEMS + 5;
export const MAX_ITEM_CHARS = 20;
export const MAX_ORIGIN_CHARS = 30;

export interface PriceEntry {
  item: string;
  unit: PriceUnit;
  priceFen: number;
  origin: string | null;
}

const keyOf = (e: Pick<PriceEntry, "item" | "unit">) => `${e.item.trim()}|${e.unit}`;

/** The same item in the same unit twice in one list: which one is meant? */
export function duplicateItems(entries: Pick<PriceEntry, "item" | "unit">[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const e of entries) {
    const key = keyOf(e);
    if (seen.has(key)) twice.add(e.item.trim());
    seen.add(key);
  }
  return [...twice];
}

/**
 * How a new list changes the one shown: the entries to add (new, or with a new price or
 * origin) and the shown entries they replace or that were taken off. An entry left as it was
 * keeps its time, so the history shows only what changed.
 */
export function diffPriceList<C extends PriceEntry & { id: number }>(
  current: C[],
  next: PriceEntry[],
): { add: PriceEntry[]; retire: number[] } {
  const shown = new Map(current.map((c) => [keyOf(c), c]));
  const add: PriceEntry[] = [];
  const kept = new Set<number>();
  for (const entry of next) {
    const before = shown.get(keyOf(entry));
    if (before && before.priceFen === entry.priceFen && before.origin === entry.origin)
      kept.add(before.id);
    else add.push(entry);
  }
  return { add, retire: current.filter((c) => !kept.has(c.id)).map((c) => c.id) };
}

/** An entry as it stood over time: from when it was written until it was replaced, if it was. */
export interface PriceVersion extends PriceEntry {
  vendorId: number;
  from: string;
  until: string | null;
}

/** The usual name of a common food ("番茄" → "西红柿"), or null for anything else. */
export function commonProduce(item: string): string | null {
  return synonymGroup(item.trim())?.[0] ?? null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export interface WeeklyMedian {
  /** Monday of the week, 'YYYY-MM-DD'. */
  week: string;
  item: string;
  /** Always per 斤: a price per 公斤 counts as half of it. */
  medianFenPerJin: number;
  vendors: number;
}

/**
 * For each week (Monday to Sunday, on the county's clock: `dayOf` turns an instant into its
 * date) and each common food sold by weight, the median price per 斤 among the vendors whose
 * list showed it at the end of that week (their last price then, one per vendor).
 */
export function weeklyMedians(
  versions: PriceVersion[],
  weeks: string[],
  dayOf: (instant: string) => string,
): WeeklyMedian[] {
  const out: WeeklyMedian[] = [];
  for (const week of weeks) {
    const end = addDays(weekStart(week), 6);
    const byItem = new Map<string, Map<number, number>>();
    for (const v of versions) {
      if (v.unit !== "jin" && v.unit !== "kg") continue;
      const item = commonProduce(v.item);
      if (!item || dayOf(v.from) > end || (v.until !== null && dayOf(v.until) <= end)) continue;
      const perJin = v.unit === "kg" ? Math.round(v.priceFen / 2) : v.priceFen;
      const prices = byItem.get(item) ?? new Map<number, number>();
      prices.set(v.vendorId, perJin);
      byItem.set(item, prices);
    }
    for (const [item, prices] of [...byItem].sort(([a], [b]) => a.localeCompare(b, "zh-CN")))
      out.push({
        week: weekStart(week),
        item,
        medianFenPerJin: median([...prices.values()]),
        vendors: prices.size,
      });
  }
  return out;
}
