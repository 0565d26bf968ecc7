import { sql, type Kysely } from "kysely";
import { isPostgres } from "../portable";
import { REFERENCE_TABLES } from "./20261130220000_reference_generation";
import { NOTICE_TABLES } from "./20261201020000_reference_notices";

// A transaction may use what the process keeps of the reference facts when it reads the same
// generation and has not changed a kept table itself (decision 035). On SQLite the generation's
// triggers run at once, so a transaction reads its own bump. On PostgreSQL they are deferred to
// the commit: these triggers, run at once, mark the transaction as one that changed a kept table
// in a setting that lasts until its end (set_config's third argument), locking nothing.
export const WRITTEN_SETTING = "jishi.reference_written";

const KEPT_TABLES: Record<string, string> = {
  ...REFERENCE_TABLES,
  ...Object.fromEntries(NOTICE_TABLES.map((t) => [t, ""])),
};

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function reference_written() returns trigger language plpgsql as $$
    begin perform set_config(${sql.lit(WRITTEN_SETTING)}, 'yes', true); return null; end $$`.execute(
    db,
  );
  for (const [table, columns] of Object.entries(KEPT_TABLES))
    await sql`create trigger ${sql.raw(`reference_written_${table}`)}
      after insert or delete or update${sql.raw(columns)} on ${sql.table(table)}
      for each statement execute function reference_written()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of Object.keys(KEPT_TABLES))
    await sql`drop trigger ${sql.raw(`reference_written_${table}`)} on ${sql.table(table)}`.execute(
      db,
    );
  await sql`drop function reference_written`.execute(db);
}
