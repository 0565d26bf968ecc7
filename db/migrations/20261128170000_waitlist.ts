import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Waiting lists: a vendor waits for a stall (or any stall of their category) in a full session;
// when one is freed the first who fits is offered it for a while.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("waitlist_entries")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("vendor_id", "integer", (c) =>
      c.notNull().references("vendors.id").onDelete("cascade"),
    )
    .addColumn("local_date", "text", (c) => c.notNull())
    .addColumn("session_key", "text", (c) => c.notNull())
    // The stall wanted, or null for any stall that takes the vendor's category.
    .addColumn("stall_id", "integer", (c) => c.references("stalls.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('waiting', 'offered', 'booked', 'expired', 'withdrawn')`),
    )
    .addColumn("offered_stall_id", "integer", (c) => c.references("stalls.id").onDelete("set null"))
    .addColumn("offer_expires_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("waitlist_one_per_vendor_session")
    .on("waitlist_entries")
    .columns(["vendor_id", "zone_id", "local_date", "session_key"])
    .unique()
    .where(sql.ref("status"), "in", sql`('waiting', 'offered')`)
    .execute();
  await db.schema
    .createIndex("waitlist_session")
    .on("waitlist_entries")
    .columns(["zone_id", "local_date", "session_key", "status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("waitlist_entries").execute();
}
