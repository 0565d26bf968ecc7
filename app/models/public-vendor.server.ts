// Vendors as residents see them: found by what they sell, with where and when they will be
// next. Never a phone number, a legal name or a paper.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "#db/portable";
import type { Database } from "#db/schema";

/** Only approved vendors are shown to the public; a suspended one is not advertised. */
function publicVendors(db: Kysely<Database>) {
  return db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .innerJoin("categories", "categories.slug", "vendors.category_slug")
    .select([
      "vendors.id",
      "users.display_name",
      "vendors.name_en",
      "vendors.products",
      "vendors.products_en",
      "vendors.category_slug",
      "categories.name_zh as category_zh",
      "categories.name_en as category_en",
      "categories.public_welfare",
      "vendors.reviewed_at",
    ])
    .where("vendors.status", "=", "approved");
}

export type PublicVendor = Awaited<ReturnType<ReturnType<typeof publicVendors>["execute"]>>[number];

export interface Appearance {
  vendor_id: number;
  zone_slug: string;
  name_zh: string;
  name_en: string;
  time_zone: string;
  local_date: string;
  session_key: string;
  starts_at: string;
  ends_at: string;
  stall_code: string;
}

/** The coming sessions each vendor has a booking for, soonest first, at most `each` a vendor. */
export async function nextAppearances(
  db: Kysely<Database>,
  vendorIds: number[],
  now: Date,
  each = 1,
): Promise<Map<number, Appearance[]>> {
  const out = new Map<number, Appearance[]>();
  if (vendorIds.length === 0) return out;
  const rows = await db
    .selectFrom("bookings")
    .innerJoin("stalls", "stalls.id", "bookings.stall_id")
    .innerJoin("zones", "zones.id", "bookings.zone_id")
    .select([
      "bookings.vendor_id",
      "zones.slug as zone_slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "bookings.local_date",
      "bookings.session_key",
      "bookings.starts_at",
      "bookings.ends_at",
      "stalls.code as stall_code",
    ])
    .where("bookings.vendor_id", "in", vendorIds)
    .where("bookings.status", "in", ["confirmed", "checked_in"])
    .where("bookings.ends_at", ">", now.toISOString())
    .orderBy("bookings.starts_at")
    .execute();
  for (const row of rows) {
    const list = out.get(row.vendor_id) ?? [];
    if (list.length < each) list.push(row);
    out.set(row.vendor_id, list);
  }
  return out;
}

export const SEARCH_LIMIT = 30;
const MAX_QUERY = 40;

/** The words of a query: split on spaces and punctuation, Chinese or not; at most five. */
export function searchTerms(query: string): string[] {
  return query
    .normalize("NFKC")
    .slice(0, MAX_QUERY)
    .split(/[\s\p{P}\p{S}\p{C}]+/u)
    .filter(Boolean)
    .slice(0, 5);
}

/**
 * The body holds the term. SQLite: not LIKE, which FTS5 hands to its index and then drops a
 * MATCH beside it. PostgreSQL: LIKE, which the pg_trgm index serves (terms have no % or _:
 * searchTerms splits on punctuation).
 */
function holds(db: Kysely<Database>, term: string) {
  return isPostgres(db)
    ? sql`lower(body) like ${`%${term.toLowerCase()}%`}`
    : sql`instr(lower(body), lower(${term})) > 0`;
}

/** The vendors holding every term, best first, on the engine's own index. */
async function vendorsHolding(db: Kysely<Database>, terms: string[]) {
  if (isPostgres(db)) {
    const { rows } = await sql<{ vendor_id: number }>`
      select vendor_id from vendor_search
      where ${sql.join(
        terms.map((t) => holds(db, t)),
        sql` and `,
      )}
      order by similarity(lower(body), ${terms.join(" ").toLowerCase()}) desc, vendor_id
      limit ${SEARCH_LIMIT * 2}`.execute(db);
    return rows.map((r) => r.vendor_id);
  }
  // Words of three characters or more go through the trigram index; shorter ones ("剪纸")
  // cannot be trigrams, so they are looked for in the index's own text (one row a vendor).
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  const match = long.map((t) => `"${t.replace(/"/g, '""')}"`).join(" AND ");
  const conditions = [
    ...(match ? [sql`vendor_search match ${match}`] : []),
    ...short.map((t) => holds(db, t)),
  ];
  const { rows } = await sql<{ vendor_id: number }>`
    select vendor_id from vendor_search where ${sql.join(conditions, sql` and `)}
    order by ${match ? sql`rank` : sql`vendor_id`} limit ${SEARCH_LIMIT * 2}`.execute(db);
  return rows.map((r) => r.vendor_id);
}

export interface SearchResult {
  vendors: PublicVendor[];
  /** True when nothing held the whole words and these vendors hold parts of them. */
  partial: boolean;
}

/**
 * Vendors whose name, products or category hold every word of the query, through a trigram
 * index (SQLite FTS5 or PostgreSQL pg_trgm). When no vendor holds the whole of a Chinese word
 * ("修家电"), vendors holding its two-character parts are offered instead, the most parts first.
 */
export async function searchVendors(db: Kysely<Database>, query: string): Promise<SearchResult> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { vendors: [], partial: false };
  let ids = await vendorsHolding(db, terms);
  let partial = false;
  if (ids.length === 0) {
    const pieces = [
      ...new Set(
        terms.flatMap((t) => {
          const chars = [...t];
          return chars.length < 3 ? [] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
        }),
      ),
    ];
    if (pieces.length > 0) {
      const rows = await sql<{ vendor_id: number; body: string }>`
        select vendor_id, body from vendor_search
        where ${sql.join(
          pieces.map((p) => holds(db, p)),
          sql` or `,
        )}`.execute(db);
      const score = (body: string) => pieces.filter((p) => body.includes(p)).length;
      ids = rows.rows
        .sort((a, b) => score(b.body) - score(a.body) || a.vendor_id - b.vendor_id)
        .map((r) => r.vendor_id);
      partial = ids.length > 0;
    }
  }
  if (ids.length === 0) return { vendors: [], partial };
  const vendors = await publicVendors(db).where("vendors.id", "in", ids).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  vendors.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { vendors: vendors.slice(0, SEARCH_LIMIT), partial };
}

export async function getPublicVendor(db: Kysely<Database>, id: number) {
  return publicVendors(db).where("vendors.id", "=", id).executeTakeFirst();
}

/** Sessions the vendor was checked in at: the markets they have kept. */
export async function pastMarketsCount(db: Kysely<Database>, vendorId: number, now: Date) {
  const row = await db
    .selectFrom("bookings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("vendor_id", "=", vendorId)
    .where("status", "=", "checked_in")
    .where("starts_at", "<", now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
