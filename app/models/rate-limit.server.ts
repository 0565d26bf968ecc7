// Counters in the database, so that a limit holds across restarts and several app instances.
import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { Database } from "#db/schema";

export interface Limit {
  /** How many hits the window allows. */
  max: number;
  windowMs: number;
}

/** How many hits `key` had in the window; old rows of the key are cleared on the way. */
export async function recentHits(db: Kysely<Database>, key: string, limit: Limit, now: Date) {
  const since = new Date(now.getTime() - limit.windowMs).toISOString();
  const row = await hitsOfKey.first(db, { key, since });
  // Cleared only when there are some: most checks are one statement.
  if (row?.first && row.first < since) await oldHitsCleared.run(db, { key, since });
  return { count: Number(row?.n ?? 0), oldest: row?.oldest ?? null };
}

const oldHitsCleared = prepared((db, p: { key: string; since: string }) =>
  db.deleteFrom("rate_limit_hits").where("key", "=", p.key).where("at", "<", p.since),
);
/** The key's hits in the window (how many, the oldest), and its oldest hit of all. */
const hitsOfKey = prepared((db, p: { key: string; since: string }) =>
  db
    .selectFrom("rate_limit_hits")
    .select((eb) => {
      const inWindow = eb("at", ">=", p.since);
      return [
        eb.fn.sum<number | string | null>(eb.case().when(inWindow).then(1).else(0).end()).as("n"),
        eb.fn.min<string | null>(eb.case().when(inWindow).then(eb.ref("at")).end()).as("oldest"),
        eb.fn.min<string | null>("at").as("first"),
      ];
    })
    .where("key", "=", p.key),
);

export async function recordHit(db: Kysely<Database>, key: string, now: Date) {
  await newHit.run(db, { key, at: now.toISOString() });
}

const newHit = prepared((db, p: { key: string; at: string }) =>
  db.insertInto("rate_limit_hits").values({ key: p.key, at: p.at }),
);

/**
 * Seconds until `key` may try again, or 0 when it may now. Counting is done before the attempt;
 * the caller records a hit for each attempt that counts (a failed login, a sign-up).
 */
export async function retryAfterSeconds(
  db: Kysely<Database>,
  keys: string[],
  limit: Limit,
  now: Date,
): Promise<number> {
  let wait = 0;
  for (const key of keys) {
    const { count, oldest } = await recentHits(db, key, limit, now);
    if (count >= limit.max && oldest) {
      const freeAt = Date.parse(oldest) + limit.windowMs;
      wait = Math.max(wait, Math.ceil((freeAt - now.getTime()) / 1000));
    }
  }
  return wait;
}
