import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Running markets in a regulated way: problem reports from anyone with a tracking code, safety
// inspections with follow-ups, and announcements to a market.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("problem_reports")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    // What the reporter keeps to follow it: short, unguessable, unique.
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("category", "text", (c) =>
      c
        .notNull()
        .check(
          sql`category in ('hygiene', 'fire_safety', 'blocked_passage', 'noise', 'prices_weights', 'food_safety', 'other')`,
        ),
    )
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("photo_name", "text")
    .addColumn("photo_type", "text")
    .addColumn("lng", "real")
    .addColumn("lat", "real")
    // Never shown publicly: only the zone's managers see it.
    .addColumn("contact", "text")
    .addColumn("reporter_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('received', 'in_progress', 'resolved', 'closed')`),
    )
    .addColumn("assigned_to", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reply", "text")
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("problem_reports_zone")
    .on("problem_reports")
    .columns(["zone_id", "status", "created_at"])
    .execute();

  await db.schema
    .createTable("inspections")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("local_date", "text", (c) => c.notNull())
    // Set when the inspection was of one session rather than the zone at large.
    .addColumn("session_key", "text")
    .addColumn("inspector_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("result", "text", (c) =>
      c.notNull().check(sql`result in ('pass', 'issues', 'fail')`),
    )
    // JSON: checklist item → 'ok' | 'issue' | 'na'.
    .addColumn("checklist", "text", (c) => c.notNull())
    .addColumn("findings", "text", (c) => c.notNull())
    // JSON array of stored photo names.
    .addColumn("photos", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("inspections_zone")
    .on("inspections")
    .columns(["zone_id", "local_date"])
    .execute();
  await db.schema
    .createTable("inspection_followups")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("inspection_id", "integer", (c) =>
      c.notNull().references("inspections.id").onDelete("cascade"),
    )
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("done_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("zones")
    .addColumn("inspection_interval_days", "integer", (c) => c.notNull().defaultTo(30))
    .execute();

  await db.schema
    .createTable("announcements")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('weather', 'event', 'rule', 'notice')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    // The days it concerns, 'YYYY-MM-DD' in the zone: vendors booked then are told.
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("announcements_zone")
    .on("announcements")
    .columns(["zone_id", "ends_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("announcements").execute();
  await db.schema.alterTable("zones").dropColumn("inspection_interval_days").execute();
  await db.schema.dropTable("inspection_followups").execute();
  await db.schema.dropTable("inspections").execute();
  await db.schema.dropTable("problem_reports").execute();
}
