// One way to run a transaction on either engine, with the same guarantee: as if the
// transactions ran one after another. SQLite gives that by taking the write lock at BEGIN
// (db/connect.ts). PostgreSQL gives it in one of two ways:
// - by default, SERIALIZABLE isolation, which refuses a transaction that could have seen
//   another's writes (40001) or deadlocked (40P01); those are run again (the work is database
//   work only, so running it again is safe);
// - for the busy paths (bookings), `serializeOn`: transactions naming the same keys queue for
//   transaction-scoped advisory locks and run one after another in READ COMMITTED, each
//   statement seeing what the one before committed. Under SSI, ten vendors booking different
//   stalls of one session at once failed each other over and over (the category cap reads
//   what the others insert); in a queue each waits a few milliseconds instead.
import { sql, type Kysely, type Transaction } from "kysely";
import { isConnectionLost } from "./errors";
import { isPostgres } from "./portable";
import type { Database } from "./schema";

const ATTEMPTS = 8;
let retried = 0;

/** How many transactions this process has run again after a conflict (tests count them). */
export function retriedTransactions(): number {
  return retried;
}

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
}

export interface TransactionOptions {
  /**
   * What the transaction decides about (a session, a vendor): on PostgreSQL, transactions
   * sharing a key run one after another. Ignored on SQLite, where all writers queue.
   * "later": the work calls `queueFor` itself, after reads no other transaction changes (the
   * stall, the calendar, the vendor's papers), so that less of it runs in the queue.
   */
  serializeOn?: string[] | "later";
  /**
   * The work may run again after its connection broke (PostgreSQL restarted, the backend was
   * terminated): once, on a fresh connection. Only for work that finds what a first run may have
   * committed (a booking's idempotency key), since a break during COMMIT leaves that unknown.
   */
  retryOnLostConnection?: boolean;
}

/** Waits for the transaction's turn on `keys` (PostgreSQL; SQLite's writers already queue). */
export async function queueFor(trx: Transaction<Database>, keys: string[]): Promise<void> {
  if (!isPostgres(trx) || keys.length === 0) return;
  // Always in the same order, so that two transactions never wait for each other's second key:
  // in one statement (one round trip), whose select list PostgreSQL evaluates from left to right.
  // Were that order ever not kept, a deadlock would be detected (40P01) and the work run again.
  const locks = [...new Set(keys)]
    .sort()
    .map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  await sql`select ${sql.join(locks)}`.execute(trx);
}

export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
  { serializeOn = [], retryOnLostConnection = false }: TransactionOptions = {},
): Promise<T> {
  if (!isPostgres(db)) return db.transaction().execute(work);
  let reconnected = false;
  for (let attempt = 1; ; attempt++) {
    try {
      if (serializeOn !== "later" && serializeOn.length === 0)
        return await db.transaction().setIsolationLevel("serializable").execute(work);
      return await db
        .transaction()
        .setIsolationLevel("read committed")
        .execute(async (trx) => {
          if (serializeOn !== "later") await queueFor(trx, serializeOn);
          return work(trx);
        });
    } catch (error) {
      if (retryOnLostConnection && !reconnected && isConnectionLost(error)) {
        reconnected = true;
        retried += 1;
        continue;
      }
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      retried += 1;
      // A short, random wait, growing with each attempt, so that the same two do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
    }
  }
}

/** The keys of a booking decision: the session (its stalls, caps and holds) and the vendor. */
export function bookingKeys(session: { localDate: string; sessionKey: string }, vendorId?: number) {
  // A session key ("t12", "e3") belongs to one market, so date and key name one session.
  return [
    `session:${session.localDate}|${session.sessionKey}`,
    ...(vendorId === undefined ? [] : [`vendor:${vendorId}`]),
  ];
}
