import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Stall reservations: each zone's booking rules, closures and one-off events, and the bookings
// themselves, with the database as the final guard against double booking.
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const idType = idColumnType(db);

  await db.schema
    .createTable("zone_settings")
    .addColumn("zone_id", "integer", (c) =>
      c.primaryKey().references("zones.id").onDelete("cascade"),
    )
    .addColumn("booking_opens_days", "integer", (c) => c.notNull())
    .addColumn("booking_closes_minutes", "integer", (c) => c.notNull())
    .addColumn("weekly_quota", "integer", (c) => c.notNull())
    .addColumn("cancel_deadline_hours", "integer", (c) => c.notNull())
    .addColumn("requires_approval", "integer", (c) => c.notNull())
    // JSON object of category slug → most stalls of that category in one session.
    .addColumn("category_caps", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("closures")
    .addColumn("id", idType, id)
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("closures_zone")
    .on("closures")
    .columns(["zone_id", "starts_on"])
    .execute();

  await db.schema
    .createTable("market_events")
    .addColumn("id", idType, id)
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("local_date", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("market_events_zone")
    .on("market_events")
    .columns(["zone_id", "local_date"])
    .execute();

  await db.schema
    .createTable("bookings")
    .addColumn("id", idType, id)
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id"))
    .addColumn("stall_id", "integer", (c) => c.notNull().references("stalls.id"))
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("vendors.id"))
    // The session: a local date in the zone and 't<template id>' or 'e<event id>'.
    .addColumn("local_date", "text", (c) => c.notNull())
    .addColumn("session_key", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('pending', 'confirmed', 'checked_in', 'no_show', 'cancelled', 'declined')`,
        ),
    )
    .addColumn("fee_fen", "integer", (c) => c.notNull().check(sql`fee_fen >= 0`))
    .addColumn("fee_collected_fen", "integer")
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("series_id", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("cancelled_late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("bookings_vendor_idempotency", ["vendor_id", "idempotency_key"])
    .execute();
  // The final guard: a stall is held once per session, whatever the code above it does.
  await db.schema
    .createIndex("bookings_one_per_stall_session")
    .on("bookings")
    .columns(["stall_id", "local_date", "session_key"])
    .unique()
    .where(sql.ref("status"), "in", sql`('pending', 'confirmed', 'checked_in')`)
    .execute();
  // And a vendor holds at most one stall per session.
  await db.schema
    .createIndex("bookings_one_per_vendor_session")
    .on("bookings")
    .columns(["vendor_id", "zone_id", "local_date", "session_key"])
    .unique()
    .where(sql.ref("status"), "in", sql`('pending', 'confirmed', 'checked_in')`)
    .execute();
  await db.schema
    .createIndex("bookings_zone_session")
    .on("bookings")
    .columns(["zone_id", "local_date", "session_key"])
    .execute();
  await db.schema
    .createIndex("bookings_vendor_starts")
    .on("bookings")
    .columns(["vendor_id", "starts_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["bookings", "market_events", "closures", "zone_settings"]) {
    await db.schema.dropTable(table).execute();
  }
}
