import { sql, type Kysely } from "kysely";
import { isPostgres } from "../portable";

// One number that changes with every change to the facts pages read on every view and that
// change a few times a month: zones, their calendars (templates, closures, events), booking
// settings, categories, and which layout is approved (issue 22, decision 033). A process keeps
// what it read of them while the number stays the same, so a page reads this one row instead of
// six tables. Triggers bump it in the transaction of the change itself.
export const REFERENCE_TABLES: Record<string, string> = {
  zones: "",
  session_templates: "",
  closures: "",
  market_events: "",
  zone_settings: "",
  categories: "",
  // A layout's geometry is saved often while it is drawn; only which one is approved is kept.
  layouts: " of status, zone_id",
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reference_generation")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("generation", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into reference_generation (id, generation) values (1, 0)`.execute(db);
  const bump = sql`update reference_generation set generation = generation + 1 where id = 1`;
  if (isPostgres(db)) {
    await sql`create function reference_changed() returns trigger language plpgsql as $$
      begin ${bump}; return null; end $$`.execute(db);
    // Deferred to the commit: the row is locked for an instant at the end of the transaction,
    // never while the transaction goes on to lock other rows (no deadlock, no long wait).
    for (const [table, columns] of Object.entries(REFERENCE_TABLES))
      await sql`create constraint trigger ${sql.raw(`reference_changed_${table}`)}
        after insert or delete or update${sql.raw(columns)} on ${sql.table(table)}
        deferrable initially deferred for each row execute function reference_changed()`.execute(
        db,
      );
    return;
  }
  for (const [table, columns] of Object.entries(REFERENCE_TABLES))
    for (const change of ["insert", "delete", `update${columns}`])
      await sql`create trigger ${sql.raw(`reference_changed_${table}_${change.split(" ")[0]}`)}
        after ${sql.raw(change)} on ${sql.table(table)} begin ${bump}; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of Object.keys(REFERENCE_TABLES))
      await sql`drop trigger ${sql.raw(`reference_changed_${table}`)} on ${sql.table(table)}`.execute(
        db,
      );
    await sql`drop function reference_changed`.execute(db);
  } else {
    for (const table of Object.keys(REFERENCE_TABLES))
      for (const change of ["insert", "delete", "update"])
        await sql`drop trigger ${sql.raw(`reference_changed_${table}_${change}`)}`.execute(db);
  }
  await db.schema.dropTable("reference_generation").execute();
}
