import { sql, type Kysely } from "kysely";

// The outbox becomes a queue (docs/decisions/018-sms.md): each message has a state, its tries,
// when it may be tried next, which instance holds it and until when, and what the provider said.
// Rows written before were already logged or sent: they count as sent (or failed, with an error).
// Users gain the language they read the site in, so that an SMS is written in it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("locale", "text", (c) => c.check(sql`locale in ('zh-CN', 'en')`))
    .execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(sql`status in ('queued', 'sending', 'sent', 'failed')`),
    )
    .execute();
  for (const [name, type] of [
    ["kind", "text"],
    ["params", "text"],
    ["locale", "text"],
    ["topic", "text"],
    ["dedupe_key", "text"],
    ["next_attempt_at", "text"],
    ["claimed_until", "text"],
    ["provider", "text"],
    ["provider_message_id", "text"],
    ["provider_status", "text"],
  ] as const) {
    await db.schema.alterTable("outbox").addColumn(name, type).execute();
  }
  await db.schema
    .alterTable("outbox")
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable("outbox")
    .set({ status: sql`case when last_error is null then 'sent' else 'failed' end` })
    .execute();
  await db.schema
    .createIndex("outbox_due")
    .on("outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("outbox_topic")
    .on("outbox")
    .columns(["topic", "recipient"])
    .execute();
  await db.schema.createIndex("outbox_dedupe").on("outbox").column("dedupe_key").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("locale").execute();
  for (const index of ["outbox_due", "outbox_topic", "outbox_dedupe"]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of [
    "status",
    "kind",
    "params",
    "locale",
    "topic",
    "dedupe_key",
    "next_attempt_at",
    "claimed_until",
    "provider",
    "provider_message_id",
    "provider_status",
    "user_id",
    "attempts",
  ]) {
    await db.schema.alterTable("outbox").dropColumn(column).execute();
  }
}
