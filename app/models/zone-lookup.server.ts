import type { Kysely } from "kysely";
import { keptReference } from "./reference.server";
import type { Database } from "#db/schema";

/** Any zone, active or not: for its managers. */
export async function getZoneBySlugAnyStatus(db: Kysely<Database>, slug: string) {
  return db.selectFrom("zones").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function getZoneBySlug(db: Kysely<Database>, slug: string) {
  return keptReference(db, `zone:${slug}`, (db) =>
    db
      .selectFrom("zones")
      .selectAll()
      .where("slug", "=", slug)
      .where("status", "=", "active")
      .executeTakeFirst(),
  );
}
