import type { Kysely } from "kysely";

// A secret per vendor for their private calendar feed of bookings; reset by the vendor.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("vendors").addColumn("calendar_token", "text").execute();
  await db.schema
    .createIndex("vendors_calendar_token")
    .on("vendors")
    .column("calendar_token")
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("vendors_calendar_token").execute();
  await db.schema.alterTable("vendors").dropColumn("calendar_token").execute();
}
