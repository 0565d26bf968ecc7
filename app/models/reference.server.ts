// Facts that pages read on every view and that change a few times a month (a zone, its calendar
// and booking settings, the categories, which layout is approved), kept by each process while the
// database's reference generation stays the same (decision 033). Triggers bump the generation in
// the transaction of every change to those tables (migration 20261130220000), so what is kept is
// never older than what a read straight from the tables would have returned when it was asked:
// each caller's read of the generation starts after the caller does. A page's loaders share one
// read (`pageDb`): what the page shows is as of its first read, sent after the request came.
// A transaction uses what is kept when it reads the same generation itself and has changed no kept
// table (decision 035).
import { sql, type DialectAdapter, type Kysely, type QueryExecutor } from "kysely";
import { WRITTEN_SETTING } from "#db/migrations/20261201060000_reference_written";
import { isPostgres } from "#db/portable";
import { prepared } from "#db/prepared";
import type { Database } from "#db/schema";

interface Kept {
  generation: number;
  value: Promise<unknown>;
  /** Read: a transaction never waits for a read outside it, which may wait for its connection. */
  settled: boolean;
}

/**
 * Facts of one database, by what they are ("zone:fuxin-community"). Keyed by the database's
 * adapter, which its transactions and every handle on it share (one Kysely instance, one adapter).
 */
const keptOf = new WeakMap<DialectAdapter, Map<string, Kept>>();
/** A handle on each database outside any transaction, to keep what a transaction had to read. */
const outsideOf = new WeakMap<DialectAdapter, Kysely<Database>>();
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

/**
 * The generation, and whether this transaction changed a kept table (never, outside one).
 * PostgreSQL bumps the generation only at the commit, so its triggers also mark the transaction
 * (migration 20261201060000); SQLite bumps it at once, and a transaction reads its own bump.
 */
const generationRow = prepared((db) =>
  db
    .selectFrom("reference_generation")
    .select([
      "generation",
      isPostgres(db)
        ? sql<string | null>`current_setting(${sql.lit(WRITTEN_SETTING)}, true)`.as("written")
        : sql<string | null>`null`.as("written"),
    ])
    .where("id", "=", 1),
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
      // A transaction that changed a kept table matches no kept value.
      return row.written === "yes" ? WRITTEN : Number(row.generation);
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

/** What a transaction that changed a kept table reads as its generation. */
const WRITTEN = -1;

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
 * `load(db)`'s result, read again only after a reference table changed. The value is shared by
 * every request of the process and frozen, so that none can change it for the others.
 *
 * Inside a transaction the kept value is used only when the transaction reads the generation it
 * was kept at and has changed no kept table. Otherwise the transaction reads the tables itself,
 * and what it reads is never kept (it may hold its own uncommitted changes): the same facts are
 * read again outside it, in the background, for the next caller.
 */
export async function keptReference<T>(
  db: Kysely<Database>,
  key: string,
  load: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const current = await generationFor(db);
  const adapter = db.getExecutor().adapter;
  let kept = keptOf.get(adapter);
  if (!kept) keptOf.set(adapter, (kept = new Map()));
  const hit = kept.get(key);
  if (db.isTransaction) {
    // SQLite has one connection: a read outside still under way waits for this transaction.
    if (hit?.settled && hit.generation === current) return hit.value as Promise<T>;
    const outside = outsideOf.get(adapter);
    if (outside && current !== WRITTEN)
      void keptReference(outside, key, load).catch(() => undefined);
    return load(db);
  }
  // A page's handle reads the generation once: the database's own handle serves the background.
  if (!pageReads.has(db)) outsideOf.set(adapter, db);
  if (hit && hit.generation === current) return hit.value as Promise<T>;
  if (kept.size >= KEPT_FACTS) kept.clear();
  const value = load(db).then(deepFreeze);
  const entry: Kept = { generation: current, value, settled: false };
  kept.set(key, entry);
  value.then(
    () => (entry.settled = true),
    () => {
      if (kept.get(key) === entry) kept.delete(key);
    },
  );
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
