// The few places where SQLite and PostgreSQL need different DDL. Migrations import this
// (it is database code, not app code) so that one migration serves both engines.
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from "kysely";

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
