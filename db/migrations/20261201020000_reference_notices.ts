import { sql, type Kysely } from "kysely";
import { isPostgres } from "../portable";

// More facts the market page reads on every view and that change a few times a week: its
// announcements, its last inspection, its ballots and the stalls they hold (issue 22, decision
// 033). Their changes bump the reference generation as the first tables' do, in the transaction
// of the change (deferred to the commit on PostgreSQL, reusing that migration's function).
export const NOTICE_TABLES = ["announcements", "inspections", "ballots", "ballot_stalls"];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of NOTICE_TABLES)
      await sql`create constraint trigger ${sql.raw(`reference_changed_${table}`)}
        after insert or delete or update on ${sql.table(table)}
        deferrable initially deferred for each row execute function reference_changed()`.execute(
        db,
      );
    return;
  }
  const bump = sql`update reference_generation set generation = generation + 1 where id = 1`;
  for (const table of NOTICE_TABLES)
    for (const change of ["insert", "delete", "update"])
      await sql`create trigger ${sql.raw(`reference_changed_${table}_${change}`)}
        after ${sql.raw(change)} on ${sql.table(table)} begin ${bump}; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of NOTICE_TABLES) {
    if (isPostgres(db))
      await sql`drop trigger ${sql.raw(`reference_changed_${table}`)} on ${sql.table(table)}`.execute(
        db,
      );
    else
      for (const change of ["insert", "delete", "update"])
        await sql`drop trigger ${sql.raw(`reference_changed_${table}_${change}`)}`.execute(db);
  }
}
