import type { Kysely } from "kysely";

// Stall cards (issue 20): a report made from a stall's card names the stall, the session and the
// vendor booked there then, so that the manager knows whom it is about.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("problem_reports").addColumn("stall_code", "text").execute();
  await db.schema.alterTable("problem_reports").addColumn("local_date", "text").execute();
  await db.schema.alterTable("problem_reports").addColumn("session_key", "text").execute();
  await db.schema
    .alterTable("problem_reports")
    .addColumn("vendor_id", "integer", (c) => c.references("vendors.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["vendor_id", "session_key", "local_date", "stall_code"])
    await db.schema.alterTable("problem_reports").dropColumn(column).execute();
}
