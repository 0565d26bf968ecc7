// Vendors as residents see them: found by what they sell, with where and when they will be
// next. Never a phone number, a legal name or a paper.
import { sql, type Kysely } from "kysely";
import type * as PinyinPro from "pinyin-pro";
import { normalizeWord, synonymGroup, SYNONYM_GROUPS } from "~/domain/food-synonyms";
import { remembered } from "~/domain/remembered";
import {
  isLatin,
  MATCH_KINDS,
  namesOf,
  pinyinMatches,
  typoMatches,
  wordsOf,
  type MatchKind,
  type Pinyin,
} from "~/domain/search-match";
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

export interface SearchMatch {
  kind: MatchKind;
  /** The vendor's own word that matched, when it is not the one searched for. */
  word?: string;
}

export interface SearchResult {
  vendors: PublicVendor[];
  /** True when nothing held the whole words and these vendors hold parts of them. */
  partial: boolean;
  /** How each vendor found was matched: by name, product, synonym, pinyin or a typo. */
  matches: Record<number, SearchMatch>;
}

/** A Chinese word's pinyin without tones, and its initials; remembered, words repeat. */
const pinyinOfWord = remembered<Pinyin>(50_000);
/** pinyin-pro and its dictionary (~16 MB of a process) are loaded by the first search. */
let pinyin: typeof PinyinPro.pinyin | undefined;

function pinyinOf(word: string): Pinyin {
  return pinyinOfWord(word, () => {
    const options = { toneType: "none", type: "array", nonZh: "removed" } as const;
    return {
      full: pinyin!(word, options).join("").toLowerCase(),
      initials: pinyin!(word, { ...options, pattern: "first" })
        .join("")
        .toLowerCase(),
    };
  });
}

/** Every synonym word, for a Latin query typed as pinyin or with a typo ("fanqie", "tomatos"). */
const SYNONYM_WORDS = SYNONYM_GROUPS.flat();

/**
 * How one search word meets a vendor, the best way first, or undefined: by the letter, by a
 * synonym, by pinyin (of the vendor's words or of a synonym's), or within one typo.
 */
/**
 * What a search word means beyond its letters, worked out once per query rather than once per
 * vendor: its other names, and the synonym names its pinyin or a typo of it points to.
 */
interface TermReading {
  term: string;
  names: string[];
  byPinyin: string[];
  byTypo: string[];
}

function readTerm(term: string, typos: boolean): TermReading {
  const latin = isLatin(term);
  const via = (test: (w: string) => boolean) =>
    SYNONYM_WORDS.filter(test).flatMap((w) => namesOf(w));
  return {
    term,
    names: namesOf(term).slice(1),
    byPinyin: latin ? via((w) => pinyinMatches(term, pinyinOf(w))) : [],
    byTypo: latin && typos ? via((w) => typoMatches(term, w)) : [],
  };
}

function matchTerm(
  { term, names, byPinyin, byTypo }: TermReading,
  vendor: { zh: string; en: string; zhWords: string[]; enWords: string[] },
  typos: boolean,
): SearchMatch | undefined {
  // Chinese by the letter; English by whole words ("key" is not in "donkey"); one character
  // ("桃") as a word of its own, not a part of another ("核桃").
  const holds = (word: string) =>
    isLatin(word.replace(/[ '-]/g, ""))
      ? vendor.en.includes(` ${normalizeWord(word)} `)
      : [...word].length === 1
        ? vendor.zhWords.includes(word)
        : vendor.zh.includes(word);
  if (holds(term)) return { kind: "product" };
  const synonym = names.find(holds);
  if (synonym) return { kind: "synonym", word: synonym };
  if (!isLatin(term)) return undefined;
  const spoken = vendor.zhWords.find((w) => pinyinMatches(term, pinyinOf(w)));
  if (spoken) return { kind: "pinyin", word: spoken };
  const viaSynonym = byPinyin.find(holds);
  if (viaSynonym) return { kind: "pinyin", word: viaSynonym };
  if (!typos) return undefined;
  const typed = vendor.enWords.find((w) => typoMatches(term, w));
  if (typed) return { kind: "typo", word: typed };
  const typedSynonym = byTypo.find(holds);
  return typedSynonym ? { kind: "typo", word: typedSynonym } : undefined;
}

/** The vendors matching every word beyond the letter, and how; typos only when asked. */
function matchBeyond(vendors: PublicVendor[], terms: string[], typos: boolean) {
  const found = new Map<number, SearchMatch>();
  const readings = terms.map((t) => readTerm(t, typos));
  for (const vendor of vendors) {
    // The vendor's own words: a category's name is matched as typed, through the index, or a
    // synonym of 鲜果 would find every vendor of 生鲜果蔬.
    const zh = [vendor.display_name, vendor.products].join(" ");
    const en = [vendor.name_en ?? "", vendor.products_en ?? ""].join(" ");
    const enWords = wordsOf(en.toLowerCase());
    const words = {
      zh,
      en: ` ${enWords.map(normalizeWord).join(" ")} `,
      zhWords: wordsOf(zh),
      enWords,
    };
    const each = readings.map((r) => matchTerm(r, words, typos));
    if (each.some((m) => !m)) continue;
    // The weakest way a word matched is how the vendor matched.
    found.set(
      vendor.id,
      each.reduce((a, b) => (MATCH_KINDS.indexOf(b!.kind) > MATCH_KINDS.indexOf(a!.kind) ? b : a))!,
    );
  }
  return found;
}

/**
 * Vendors for a query, best first: those holding every word in their name, then in their
 * products or category (through a trigram index: SQLite FTS5 or PostgreSQL pg_trgm), then by a
 * synonym (番茄 finds 西红柿), then by pinyin (fanqie, xhs), then within one typo (tomatos). When
 * nothing matches, vendors holding two-character parts of a Chinese word ("修家电") are offered
 * instead, the most parts first.
 */
export async function searchVendors(db: Kysely<Database>, query: string): Promise<SearchResult> {
  // A query that is itself a name of something ("sweet potato") is one word, not two.
  const whole = query.normalize("NFKC").trim();
  const terms = synonymGroup(whole) && /\s/.test(whole) ? [whole] : searchTerms(query);
  if (terms.length === 0) return { vendors: [], partial: false, matches: {} };
  pinyin ??= (await import("pinyin-pro")).pinyin;
  const literal = await vendorsHolding(db, terms);
  const matches = new Map<number, SearchMatch>(literal.map((id) => [id, { kind: "product" }]));
  // Beyond the letter only when a word has other names, or is Latin (pinyin, typos): the
  // county's approved vendors, read once, are few enough to compare one by one.
  let everyone: PublicVendor[] | undefined;
  if (terms.some((t) => synonymGroup(t) || isLatin(t))) {
    everyone = await publicVendors(db).execute();
    const vendors = everyone.filter((v) => !matches.has(v.id));
    let beyond = matchBeyond(vendors, terms, false);
    // One typo forgiven only when nothing matched as typed: "lamb" must not find lamps.
    if (beyond.size === 0 && matches.size === 0 && terms.some(isLatin))
      beyond = matchBeyond(vendors, terms, true);
    for (const [id, match] of beyond) matches.set(id, match);
  }
  let ids = [...matches.keys()];
  let partial = false;
  if (ids.length === 0) {
    const pieces = [
      ...new Set(
        // Parts of Chinese words only: two letters of a Latin word mean nothing.
        terms
          .filter((t) => /\p{Script=Han}/u.test(t))
          .flatMap((t) => {
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
      for (const id of ids) matches.set(id, { kind: "product" });
      partial = ids.length > 0;
    }
  }
  if (ids.length === 0) return { vendors: [], partial, matches: {} };
  // The vendors found, from the rows already read when every vendor was compared.
  const found = new Set(ids);
  const vendors = everyone
    ? everyone.filter((v) => found.has(v.id))
    : await publicVendors(db).where("vendors.id", "in", ids).execute();
  // A vendor whose name holds every word comes before one whose products do.
  for (const v of vendors) {
    const name = normalizeWord(`${v.display_name} ${v.name_en ?? ""}`);
    if (
      matches.get(v.id)?.kind === "product" &&
      !partial &&
      terms.every((t) => name.includes(normalizeWord(t)))
    )
      matches.set(v.id, { kind: "name" });
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  const rank = (id: number) => MATCH_KINDS.indexOf(matches.get(id)!.kind);
  vendors.sort((a, b) => rank(a.id) - rank(b.id) || order.get(a.id)! - order.get(b.id)!);
  const shown = vendors.slice(0, SEARCH_LIMIT);
  return {
    vendors: shown,
    partial,
    matches: Object.fromEntries(shown.map((v) => [v.id, matches.get(v.id)!])),
  };
}

/** The ids of every vendor shown to the public, for the sitemap. */
export async function listPublicVendorIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom("vendors")
    .select("id")
    .where("status", "=", "approved")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
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
