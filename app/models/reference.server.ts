// Facts that pages read on every view and that change a few times a month (a zone, its calendar
// and booking settings, the categories, which layout is approved), kept by each process while the
// database's reference generation stays the same (decision 033). Triggers bump the generation in
// the transaction of every change to those tables (migration 20261130220000), so what is kept is
// never older than what a read straight from the tables would have returned when it was asked:
// each caller's read of the generation starts after the caller does. A page's loaders share one
// read (`pageDb`): what the page shows is as of its first read, sent after the request came.
import type { Kysely, QueryExecutor } from "kysely";
import { prepared } from "#db/prepared";
import type { Database } from "#db/schema";

interface Kept {
  generation: number;
  value: Promise<unknown>;
}

/** Facts of one database, by what they are ("zone:fuxin-community"). */
const keptOf = new WeakMap<QueryExecutor, Map<string, Kept>>();
/** A generation read that has not been sent yet: every caller until then shares it. */
const nextRead = new WeakMap<QueryExecutor, Promise<number>>();
/** For each page's own handle on the database, the generation it read first, once read. */
const pageReads = new WeakMap<Kysely<Database>, { read?: Promise<number> }>();
const pageDbs = new WeakMap<Request, Kysely<Database>>();
/**
 * Keys come from addresses (a zone's slug): a bound, so that made-up ones cannot fill memory.
 * A market's page keeps about eight facts, so this holds a county of several hundred markets.
 */
const KEPT_FACTS = 5000;

const generationRow = prepared((db) =>
  db.selectFrom("reference_generation").select("generation").where("id", "=", 1),
);

/**
 * The database's reference generation, read once for all callers in one turn of the event loop:
 * the read is sent after they have all asked, so it sees every change committed before any of
 * them asked.
 */
function generation(db: Kysely<Database>): Promise<number> {
  const executor = db.getExecutor();
  let read = nextRead.get(executor);
  if (!read) {
    read = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      nextRead.delete(executor);
      const row = await generationRow.first(db, {});
      if (!row) throw new Error("The reference generation is missing: run the migrations");
      return Number(row.generation);
    });
    nextRead.set(executor, read);
  }
  return read;
}

/**
 * `db` for the loaders of one page (a GET): the same database and connections, under which the
 * page's kept facts are all as of one read of the generation. A page's loaders ask for kept facts
 * in several turns (the zone, then its calendar, then its layout), and each turn read the number
 * again. Any other request gets `db` itself: an action may change a kept fact and then read it.
 */
export function pageDb(db: Kysely<Database>, request: Request): Kysely<Database> {
  if (request.method !== "GET") return db;
  let page = pageDbs.get(request);
  if (!page) {
    // A new handle on the same executor: withTables() only widens the type.
    page = db.withTables() as unknown as Kysely<Database>;
    pageDbs.set(request, page);
    pageReads.set(page, {});
  }
  return page;
}

function generationFor(db: Kysely<Database>): Promise<number> {
  const page = pageReads.get(db);
  if (!page) return generation(db);
  if (!page.read) {
    const read = generation(db);
    page.read = read;
    read.catch(() => {
      if (page.read === read) page.read = undefined;
    });
  }
  return page.read;
}

/**
 * `load()`'s result, read again only after a reference table changed. Inside a transaction it
 * is always read afresh: a booking checks its rules against what its own transaction sees. The
 * value is shared by every request of the process and frozen, so that none can change it for the
 * others.
 */
export async function keptReference<T>(
  db: Kysely<Database>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return load();
  const current = await generationFor(db);
  const executor = db.getExecutor();
  let kept = keptOf.get(executor);
  if (!kept) keptOf.set(executor, (kept = new Map()));
  const hit = kept.get(key);
  if (hit && hit.generation === current) return hit.value as Promise<T>;
  if (kept.size >= KEPT_FACTS) kept.clear();
  const value = load().then(deepFreeze);
  kept.set(key, { generation: current, value });
  value.catch(() => {
    if (kept.get(key)?.value === value) kept.delete(key);
  });
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
