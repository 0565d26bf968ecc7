import { type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Every stored upload, who sent it and how big, so that quotas per person and per day can be
// enforced; and one row that /healthz rewrites to prove the database takes writes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("upload_ledger")
    .addColumn("id", idColumnType(db), idColumn(db))
    // "user:12" for someone signed in, "address:203.0.113.7" for an anonymous report.
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("stored_name", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("upload_ledger_owner")
    .on("upload_ledger")
    .columns(["owner", "created_at"])
    .execute();
  await db.schema
    .createIndex("upload_ledger_created")
    .on("upload_ledger")
    .column("created_at")
    .execute();
  await db.schema
    .createTable("health_probe")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("health_probe").execute();
  await db.schema.dropTable("upload_ledger").execute();
}
