// The few places where SQLite and PostgreSQL need different DDL. Migrations import this
// (it is database code, not app code) so that one migration serves both engines.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from "kysely";
import { withSchemaEditing } from "./connect";

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key on either engine. */
export function idColumnType(db: Kysely<any>): "serial" | "integer" {
  return isPostgres(db) ? "serial" : "integer";
}

export function idColumn(db: Kysely<any>) {
  return (col: ColumnDefinitionBuilder) =>
    isPostgres(db) ? col.primaryKey() : col.primaryKey().autoIncrement();
}

/**
 * Widens a column's `in (…)` CHECK, e.g. a new role. PostgreSQL replaces the named constraint;
 * SQLite, which cannot alter one, has the CHECK's text rewritten in its schema (allowing more
 * values leaves every row valid) and the schema version raised so every connection reads it.
 */
export async function widenCheck(
  db: Kysely<any>,
  { table, column, from, to }: { table: string; column: string; from: string[]; to: string[] },
): Promise<void> {
  const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");
  if (isPostgres(db)) {
    const name = `${table}_${column}_check`;
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)} check (${sql.raw(`${column} in (${list(to)})`)})`.execute(
      db,
    );
    return;
  }
  const before = `${column} in (${list(from)})`;
  const after = `${column} in (${list(to)})`;
  await withSchemaEditing(async () => {
    const { rows } = await sql<{ v: number }>`pragma schema_version`.execute(db);
    await sql`pragma writable_schema = on`.execute(db);
    const changed = await sql`update sqlite_master set sql = replace(sql, ${before}, ${after})
      where type = 'table' and name = ${table} and instr(sql, ${before}) > 0`.execute(db);
    await sql.raw(`pragma schema_version = ${Number(rows[0]!.v) + 1}`).execute(db);
    await sql`pragma writable_schema = off`.execute(db);
    if (Number(changed.numAffectedRows ?? 0) !== 1)
      throw new Error(`No CHECK "${before}" on ${table} to widen`);
  });
}
