import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Booleans are integers 0/1 and instants are UTC ISO strings, so that the same rows read the
// same on SQLite and PostgreSQL. Geometry is GeoJSON text in WGS84.
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const idType = idColumnType(db);

  await db.schema
    .createTable("users")
    .addColumn("id", idType, id)
    .addColumn("phone", "text", (c) => c.unique())
    .addColumn("email", "text", (c) => c.unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('vendor', 'manager', 'office')`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("users_phone_or_email", sql`phone is not null or email is not null`)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("categories")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("needs_health_certificate", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("needs_food_permit", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("public_welfare", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("zones")
    .addColumn("id", idType, id)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('community', 'street', 'park', 'night', 'rural')`),
    )
    .addColumn("boundary", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Asia/Shanghai"))
    .addColumn("address_zh", "text", (c) => c.notNull())
    .addColumn("address_en", "text", (c) => c.notNull())
    .addColumn("description_zh", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("has_water", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_power", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_toilets", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_cold_storage", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_parking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("extinguisher_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'paused', 'closed')`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("zone_managers")
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("zone_managers_pk", ["zone_id", "user_id"])
    .execute();
  await db.schema.createIndex("zone_managers_user").on("zone_managers").column("user_id").execute();

  await db.schema
    .createTable("layouts")
    .addColumn("id", idType, id)
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(sql`status in ('draft', 'submitted', 'approved', 'returned', 'superseded')`),
    )
    .addColumn("notes", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addUniqueConstraint("layouts_zone_version", ["zone_id", "version"])
    .execute();
  // One approved layout per zone: the one residents see and vendors book.
  await db.schema
    .createIndex("layouts_one_approved")
    .on("layouts")
    .column("zone_id")
    .unique()
    .where(sql.ref("status"), "=", "approved")
    .execute();

  await db.schema
    .createTable("stalls")
    .addColumn("id", idType, id)
    .addColumn("layout_id", "integer", (c) =>
      c.notNull().references("layouts.id").onDelete("cascade"),
    )
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("geometry", "text", (c) => c.notNull())
    .addColumn("width_m", "real", (c) => c.notNull())
    .addColumn("depth_m", "real", (c) => c.notNull())
    .addColumn("has_power", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("has_water", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fee_fen", "integer", (c) => c.notNull().check(sql`fee_fen >= 0`))
    .addColumn("public_welfare", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("stalls_layout_code", ["layout_id", "code"])
    .execute();

  await db.schema
    .createTable("stall_categories")
    .addColumn("stall_id", "integer", (c) =>
      c.notNull().references("stalls.id").onDelete("cascade"),
    )
    .addColumn("category_slug", "text", (c) => c.notNull().references("categories.slug"))
    .addPrimaryKeyConstraint("stall_categories_pk", ["stall_id", "category_slug"])
    .execute();
  await db.schema
    .createIndex("stall_categories_category")
    .on("stall_categories")
    .column("category_slug")
    .execute();

  await db.schema
    .createTable("session_templates")
    .addColumn("id", idType, id)
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('morning', 'daytime', 'evening', 'night')`),
    )
    // ISO weekdays as digits, Monday = 1: '1234567' is every day, '67' the weekend.
    .addColumn("weekdays", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("session_templates_zone")
    .on("session_templates")
    .column("zone_id")
    .execute();

  await db.schema
    .createTable("vendors")
    .addColumn("id", idType, id)
    .addColumn("user_id", "integer", (c) =>
      c.notNull().unique().references("users.id").onDelete("cascade"),
    )
    .addColumn("name_en", "text")
    .addColumn("legal_name", "text", (c) => c.notNull())
    .addColumn("category_slug", "text", (c) => c.notNull().references("categories.slug"))
    .addColumn("products", "text", (c) => c.notNull())
    .addColumn("products_en", "text")
    .addColumn("home_community", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('pending', 'approved', 'changes_requested', 'rejected', 'suspended')`,
        ),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("vendors_status").on("vendors").column("status").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "vendors",
    "session_templates",
    "stall_categories",
    "stalls",
    "layouts",
    "zone_managers",
    "zones",
    "categories",
    "sessions",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
