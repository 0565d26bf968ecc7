import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export async function listCategories(db: Kysely<Database>) {
  return db.selectFrom("categories").selectAll().orderBy("sort_order").execute();
}
