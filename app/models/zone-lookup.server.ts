import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export async function getZoneBySlug(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom("zones")
    .selectAll()
    .where("slug", "=", slug)
    .where("status", "=", "active")
    .executeTakeFirst();
}
