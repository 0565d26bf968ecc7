import type { Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Ballots allocate (issue 16): a ballot may cover one kind of session only (a season of evening
// markets), and a manager's correction after the draw is kept beside the results it corrects,
// with its reason, for everyone to read. The draw itself is never changed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("ballots")
    /** 'morning', 'evening'…; null: every session of its days. */
    .addColumn("session_kind", "text")
    .execute();
  await db.schema
    .createTable("ballot_corrections")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("ballot_id", "integer", (c) =>
      c.notNull().references("ballots.id").onDelete("cascade"),
    )
    /** The application's public id, as the results name it. */
    .addColumn("application_public_id", "text", (c) => c.notNull())
    .addColumn("from_stall", "text", (c) => c.notNull())
    .addColumn("to_stall", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ballot_corrections_ballot")
    .on("ballot_corrections")
    .column("ballot_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("ballot_corrections").execute();
  await db.schema.alterTable("ballots").dropColumn("session_kind").execute();
}
