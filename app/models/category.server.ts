import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { keptReference } from "./reference.server";

export async function listCategories(db: Kysely<Database>) {
  return keptReference(db, "categories", (db) =>
    db.selectFrom("categories").selectAll().orderBy("sort_order").execute(),
  );
}
