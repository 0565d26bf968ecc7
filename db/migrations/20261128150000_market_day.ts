import type { Kysely } from "kysely";

// The market day: check-in times, walk-up assignments, and each zone's no-show threshold.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("bookings").addColumn("checked_in_at", "text").execute();
  await db.schema
    .alterTable("bookings")
    .addColumn("walk_up", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [column, value] of [
    ["noshow_threshold", 3],
    ["noshow_window_days", 60],
    ["noshow_ban_days", 14],
  ] as const) {
    await db.schema
      .alterTable("zone_settings")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(value))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["noshow_ban_days", "noshow_window_days", "noshow_threshold"]) {
    await db.schema.alterTable("zone_settings").dropColumn(column).execute();
  }
  await db.schema.alterTable("bookings").dropColumn("walk_up").execute();
  await db.schema.alterTable("bookings").dropColumn("checked_in_at").execute();
}
