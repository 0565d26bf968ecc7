import { type Kysely } from "kysely";

// The week's bookings per session and category (the home page, the figures) read the session
// index and then every booking's row for its status and vendor: at a county's scale (10,000
// bookings a week) that was most of the home page's query. The index now holds both, so the
// rows are not read; it replaces the old one, whose columns are its first three.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("bookings_zone_session").execute();
  await db.schema
    .createIndex("bookings_zone_session")
    .on("bookings")
    .columns(["zone_id", "local_date", "session_key", "status", "vendor_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("bookings_zone_session").execute();
  await db.schema
    .createIndex("bookings_zone_session")
    .on("bookings")
    .columns(["zone_id", "local_date", "session_key"])
    .execute();
}
