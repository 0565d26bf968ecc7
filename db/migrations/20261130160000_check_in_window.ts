import type { Kysely } from "kysely";

// Check-in and walk-ups open this many minutes before a session starts (issue 19): a manager
// opening the day sheet the evening before can no longer inflate attendance.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("zone_settings")
    .addColumn("check_in_opens_minutes", "integer", (c) => c.notNull().defaultTo(60))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("zone_settings").dropColumn("check_in_opens_minutes").execute();
}
