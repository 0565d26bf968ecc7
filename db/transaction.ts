// One way to run a transaction on either engine, with the same guarantee: as if the
// transactions ran one after another. SQLite gives that by taking the write lock at BEGIN
// (db/connect.ts); PostgreSQL by SERIALIZABLE isolation, which refuses a transaction that
// could have seen another's writes (40001) or deadlocked (40P01). Those are run again: the
// work is only database work, so running it again is safe.
import type { Kysely, Transaction } from "kysely";
import { isPostgres } from "./portable";
import type { Database } from "./schema";

const ATTEMPTS = 8;

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
}

export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (!isPostgres(db)) return db.transaction().execute(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel("serializable").execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      // A short, random wait, growing with each attempt, so that the same two do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
    }
  }
}
