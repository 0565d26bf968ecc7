// Vendors' price lists (明码标价): the list shown, saved as a whole from the phone with each
// change kept with its time, its history, and everyone's entries over time for the county's
// weekly median prices.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { addDays, localToUtc, weekStart } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import {
  diffPriceList,
  weeklyMedians,
  type PriceEntry,
  type PriceVersion,
} from "~/domain/price-list";
import { inTransaction } from "#db/transaction";
import { auditCounterAct } from "./audit.server";

/** The list a vendor shows now, in their order. */
export async function currentPriceList(db: Kysely<Database>, vendorId: number) {
  const rows = await db
    .selectFrom("price_items")
    .select(["id", "item", "unit", "price_fen", "origin", "position", "created_at"])
    .where("vendor_id", "=", vendorId)
    .where("replaced_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    item: r.item,
    unit: r.unit,
    priceFen: r.price_fen,
    origin: r.origin,
    since: r.created_at,
  }));
}

/** Every entry the vendor has written, newest first: what changed and when. */
export async function priceHistory(db: Kysely<Database>, vendorId: number, limit = 40) {
  return db
    .selectFrom("price_items")
    .select(["id", "item", "unit", "price_fen", "origin", "created_at", "replaced_at"])
    .where("vendor_id", "=", vendorId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/**
 * Saves the vendor's whole list: entries new or changed are written with this time, those they
 * replace or that were taken off are kept as replaced; the order is the one given. The entries
 * are the record of what the vendor changed; a counter clerk acting for them is audited too.
 */
export async function savePriceList(
  db: Kysely<Database>,
  input: { vendorId: number; entries: PriceEntry[]; clerkUserId?: number },
  now: Date,
): Promise<{ added: number; retired: number }> {
  return inTransaction(db, async (trx) => {
    const current = await currentPriceList(trx, input.vendorId);
    const { add, retire } = diffPriceList(current, input.entries);
    const at = now.toISOString();
    if (retire.length)
      await trx
        .updateTable("price_items")
        .set({ replaced_at: at })
        .where("id", "in", retire)
        .execute();
    const position = (e: PriceEntry) =>
      input.entries.findIndex((n) => n.item.trim() === e.item.trim() && n.unit === e.unit);
    if (add.length)
      await trx
        .insertInto("price_items")
        .values(
          add.map((e) => ({
            vendor_id: input.vendorId,
            item: e.item.trim(),
            unit: e.unit,
            price_fen: e.priceFen,
            origin: e.origin,
            position: position(e),
            created_at: at,
          })),
        )
        .execute();
    // Entries kept as they were may have moved in the list.
    for (const kept of current.filter((c) => !retire.includes(c.id)))
      await trx
        .updateTable("price_items")
        .set({ position: position(kept) })
        .where("id", "=", kept.id)
        .execute();
    if (add.length || retire.length)
      await auditCounterAct(trx, input.clerkUserId, {
        vendorId: input.vendorId,
        action: "prices.updated",
        entityType: "vendor",
        entityId: input.vendorId,
        after: {
          added: add.map((e) => `${e.item} ${e.priceFen}/${e.unit}`),
          retired: retire.length,
        },
        now,
      });
    return { added: add.length, retired: retire.length };
  });
}

/** Every entry that was shown at some time from `from` to `to` (instants), for the medians. */
export async function priceVersions(
  db: Kysely<Database>,
  { from, to }: { from: string; to: string },
): Promise<PriceVersion[]> {
  const rows = await db
    .selectFrom("price_items")
    .select(["vendor_id", "item", "unit", "price_fen", "origin", "created_at", "replaced_at"])
    .where("created_at", "<", to)
    .where((eb) => eb.or([eb("replaced_at", "is", null), eb("replaced_at", ">=", from)]))
    .execute();
  return rows.map((r) => ({
    vendorId: r.vendor_id,
    item: r.item,
    unit: r.unit,
    priceFen: r.price_fen,
    origin: r.origin,
    from: r.created_at,
    until: r.replaced_at,
  }));
}

/**
 * The county's weekly median prices of common produce per 斤, for the weeks (Monday to Sunday,
 * in `timeZone`) from `from` to `to`, dates inclusive: the figures' table and its CSV.
 */
export async function weeklyPriceMedians(
  db: Kysely<Database>,
  { from, to, timeZone }: { from: string; to: string; timeZone: string },
) {
  const weeks: string[] = [];
  for (let week = weekStart(from); week <= to; week = addDays(week, 7)) weeks.push(week);
  const versions = await priceVersions(db, {
    from: localToUtc(weeks[0] ?? from, "00:00", timeZone).toISOString(),
    to: localToUtc(addDays(to, 1), "00:00", timeZone).toISOString(),
  });
  return weeklyMedians(versions, weeks, (instant) => localMoment(new Date(instant), timeZone).date);
}
