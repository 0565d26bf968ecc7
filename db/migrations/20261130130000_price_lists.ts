import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Price lists (issue 20, 明码标价): each entry as the vendor wrote it, kept when replaced, so the
// list shown is the entries not replaced and its history is all of them with their times.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("price_items")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("vendors.id"))
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) =>
      c.notNull().check(sql`unit in ('jin', 'kg', 'each', 'bunch', 'portion', 'bag', 'box')`),
    )
    .addColumn("price_fen", "integer", (c) => c.notNull().check(sql`price_fen >= 0`))
    .addColumn("origin", "text")
    /** Its place on the list as the vendor ordered it. */
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    /** When a new price or the item's removal replaced it; null while shown. */
    .addColumn("replaced_at", "text")
    .execute();
  await db.schema
    .createIndex("price_items_vendor")
    .on("price_items")
    .columns(["vendor_id", "replaced_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("price_items").execute();
}
