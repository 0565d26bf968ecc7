import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Vendor verification: documents with expiry dates, review decisions, the audit log, the
// vendors' inbox, outgoing messages, password resets and rate-limit counters.
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  const idType = idColumnType(db);

  for (const [column, type] of [
    ["status_reason", "text"],
    ["suspended_until", "text"],
    ["rules_version", "text"],
    ["rules_accepted_at", "text"],
    ["submitted_at", "text"],
    ["reviewed_at", "text"],
  ] as const) {
    await db.schema.alterTable("vendors").addColumn(column, type).execute();
  }
  await db.schema
    .alterTable("vendors")
    .addColumn("reviewed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", idType, id)
    .addColumn("vendor_id", "integer", (c) =>
      c.notNull().references("vendors.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(sql`kind in ('identity', 'business_licence', 'health_certificate', 'food_permit')`),
    )
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("stored_name", "text", (c) => c.notNull().unique())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    // The last day the paper is valid, 'YYYY-MM-DD'.
    .addColumn("expires_on", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    // Set when a newer upload of the same kind takes its place; kept for the record.
    .addColumn("replaced_at", "text")
    .execute();
  await db.schema.createIndex("documents_vendor").on("documents").column("vendor_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", idType, id)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer")
    .addColumn("zone_id", "integer", (c) => c.references("zones.id").onDelete("set null"))
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema
    .createIndex("audit_log_entity")
    .on("audit_log")
    .columns(["entity_type", "entity_id"])
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", idType, id)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // A message key and its parameters, so the inbox reads in the reader's language.
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_user")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", idType, id)
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", idType, id)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rate_limit_hits_key_at")
    .on("rate_limit_hits")
    .columns(["key", "at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "rate_limit_hits",
    "password_resets",
    "outbox",
    "notifications",
    "audit_log",
    "documents",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of [
    "reviewed_by",
    "reviewed_at",
    "submitted_at",
    "rules_accepted_at",
    "rules_version",
    "suspended_until",
    "status_reason",
  ]) {
    await db.schema.alterTable("vendors").dropColumn(column).execute();
  }
}
