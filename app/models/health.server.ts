import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

/**
 * Throws unless the database takes a write: rewrites the one probe row. A `select 1` would
 * answer while writes fail (a full disk, a read-only file).
 */
export async function proveWritable(db: Kysely<Database>, now: Date): Promise<void> {
  const checked_at = now.toISOString();
  await db
    .insertInto("health_probe")
    .values({ id: 1, checked_at })
    .onConflict((oc) => oc.column("id").doUpdateSet({ checked_at }))
    .execute();
}
