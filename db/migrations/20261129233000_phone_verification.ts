import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// A phone number is the person's once they enter a code sent to it (issue 15): until then the
// account waits at /verify-phone, and no SMS about bookings goes to the number. Numbers already
// on accounts count as verified from when the account was made: they were taken on trust before.
// A code is kept hashed, with its purpose, its expiry and the wrong tries against it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("phone_verified_at", "text").execute();
  await db
    .updateTable("users")
    .set({ phone_verified_at: sql`created_at` })
    .where("phone", "is not", null)
    .execute();
  const id = idColumn(db);
  const idType = idColumnType(db);
  await db.schema
    .createTable("phone_codes")
    .addColumn("id", idType, id)
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) =>
      c.notNull().check(sql`purpose in ('verify', 'reset', 'change')`),
    )
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("tries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("phone_codes_live")
    .on("phone_codes")
    .columns(["phone", "purpose", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("phone_codes").execute();
  await db.schema.alterTable("users").dropColumn("phone_verified_at").execute();
}
