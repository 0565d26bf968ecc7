import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Layouts as versions that a manager draws and the county office approves: what else is drawn
// (fire lanes, exits, extinguishers, water and power points), each zone's safety rules, and the
// results of the checks run on every save.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("layouts")
    // The zone's boundary as drawn in this version (GeoJSON Polygon); it becomes the zone's on
    // approval.
    .addColumn("boundary", "text")
    .execute();
  for (const [name, type] of [
    ["checks", "text"], // JSON: the result of each check at the last save
    ["checks_passed", "integer"],
    ["review_comment", "text"], // why the office sent it back
    ["override_reason", "text"], // why the office approved it with a failing check
    ["submitted_by", "integer"],
    ["updated_at", "text"],
  ] as const)
    await db.schema.alterTable("layouts").addColumn(name, type).execute();

  // One version being worked on per zone at a time: a draft, or one submitted or sent back.
  await db.schema
    .createIndex("layouts_one_open")
    .on("layouts")
    .column("zone_id")
    .unique()
    .where(sql.ref("status"), "in", sql`('draft', 'submitted', 'returned')`)
    .execute();

  await db.schema
    .createTable("layout_features")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("layout_id", "integer", (c) =>
      c.notNull().references("layouts.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(sql`kind in ('fire_lane', 'exit', 'extinguisher', 'water_point', 'power_point')`),
    )
    // GeoJSON: a LineString for a fire lane, a Point for the others.
    .addColumn("geometry", "text", (c) => c.notNull())
    .addColumn("width_m", "real")
    .execute();
  await db.schema
    .createIndex("layout_features_layout")
    .on("layout_features")
    .column("layout_id")
    .execute();

  await db.schema
    .createTable("layout_rules")
    .addColumn("zone_id", "integer", (c) =>
      c.primaryKey().references("zones.id").onDelete("cascade"),
    )
    .addColumn("fire_lane_width_m", "real", (c) => c.notNull())
    .addColumn("aisle_min_m", "real", (c) => c.notNull())
    .addColumn("extinguisher_reach_m", "real", (c) => c.notNull())
    .addColumn("exit_reach_m", "real", (c) => c.notNull())
    .addColumn("power_reach_m", "real", (c) => c.notNull())
    .addColumn("max_coverage", "real", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("layout_rules").execute();
  await db.schema.dropTable("layout_features").execute();
  await db.schema.dropIndex("layouts_one_open").execute();
  for (const name of [
    "updated_at",
    "submitted_by",
    "override_reason",
    "review_comment",
    "checks_passed",
    "checks",
    "boundary",
  ])
    await db.schema.alterTable("layouts").dropColumn(name).execute();
}
