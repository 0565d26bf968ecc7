// Opens the database named by a DATABASE_URL. The one place that knows which engine is used:
// `file:` is the embedded SQLite, `postgres://` (or `postgresql://`) a PostgreSQL server.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from "kysely";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_URL = "file:data/jishi.db";

/** `file:data/jishi.db` → an absolute path; relative paths are relative to the working directory. */
export function sqlitePathFromUrl(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must start with "file:" (SQLite) or "postgres://" (PostgreSQL); got "${url.split(":")[0]}:"`,
    );
  }
  const rest = url.slice("file:".length).replace(/^\/\//, "");
  if (rest === ":memory:") return rest;
  return path.resolve(rest);
}

/** Durable settings: WAL, a full fsync on commit, foreign keys, and waiting for a lock. */
export const SQLITE_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2, // FULL: NORMAL can lose the last commits on power loss in WAL mode.
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

/** The pragmas as the database reports them, and the ones that differ from what we set. */
export function checkPragmas(database: SQLite.Database): string[] {
  const read = (name: string) => database.pragma(name, { simple: true }) as string | number;
  const wrong: string[] = [];
  const file = database.name !== ":memory:" && database.name !== "";
  if (file && String(read("journal_mode")).toLowerCase() !== SQLITE_PRAGMAS.journal_mode)
    wrong.push(`journal_mode=${read("journal_mode")}`);
  for (const name of ["synchronous", "foreign_keys", "busy_timeout"] as const)
    if (Number(read(name)) !== SQLITE_PRAGMAS[name]) wrong.push(`${name}=${read(name)}`);
  return wrong;
}

/** Every SQLite handle this process has open: a migration may need to edit their schema text. */
const openHandles = new Set<SQLite.Database>();

/**
 * Runs `edit` with SQLite's defensive mode off, so that it may rewrite a table's CHECK text
 * through `writable_schema` (SQLite cannot alter a constraint, and rebuilding a table that others
 * reference would cascade deletes). Only migrations call it. docs/decisions/019-service-counter.md
 */
export async function withSchemaEditing<T>(edit: () => Promise<T>): Promise<T> {
  for (const handle of openHandles) handle.unsafeMode(true);
  try {
    return await edit();
  } finally {
    for (const handle of openHandles) if (handle.open) handle.unsafeMode(false);
  }
}

export function openSqlite(url: string): SQLite.Database {
  const file = sqlitePathFromUrl(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  openHandles.add(database);
  database.pragma(`journal_mode = ${SQLITE_PRAGMAS.journal_mode}`);
  database.pragma(`synchronous = ${SQLITE_PRAGMAS.synchronous}`);
  database.pragma(`foreign_keys = ${SQLITE_PRAGMAS.foreign_keys}`);
  database.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
  // Refuse to run on settings that would lose a confirmed booking (a read-only filesystem can
  // keep a database out of WAL, say).
  const wrong = checkPragmas(database);
  if (wrong.length) {
    database.close();
    throw new Error(`SQLite settings could not be applied: ${wrong.join(", ")}`);
  }
  return database;
}

/**
 * Keeps prepared statements for reuse: Kysely prepares every query afresh, and preparing costs
 * more than running most of our queries. Safe because Kysely runs each statement to completion
 * before the next (we never stream rows).
 */
export function withStatementCache(database: SQLite.Database, size = 1000): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      openHandles.delete(database);
      database.close();
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = withPlainRows(database.prepare(sql));
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * A statement whose rows are plain objects, built here from the arrays better-sqlite3 reads in
 * its raw mode. The objects better-sqlite3 makes itself are in V8's dictionary mode: every later
 * look at them (turbo-stream sending them to the browser, a spread, a rest) goes through a hash
 * table, and `{ ...row }` cost 3 µs a row. Objects given their properties in the same order share
 * a shape and are read the fast way. Same names, values and order: a repeated column name keeps
 * its last value, as better-sqlite3 does.
 */
function withPlainRows(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  statement.raw(true);
  const columnNames = () => statement.columns().map((column) => column.name);
  let names = columnNames();
  const plain = (values: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    return row;
  };
  return {
    reader: true,
    all(parameters) {
      const rows = statement.all(parameters) as unknown[][];
      // SQLite prepares a statement again after a change of the schema, and a `select *` may
      // then have other columns: the names are read again when their number changes. A renamed
      // column is not seen; the app's tables change only by migrations, before it serves (as
      // for the statements kept above, decision 029).
      if (rows.length > 0 && rows[0]!.length !== names.length) names = columnNames();
      return rows.map(plain);
    },
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>)
        yield plain(values);
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE: they take the write lock at once, waiting for it up to
 * the busy timeout. A plain BEGIN reads first and asks for the lock at the first write, and then
 * fails at once (SQLITE_BUSY) if another connection wrote in between: a script run beside the
 * server, or a test writing fixtures, would make bookings fail.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * PostgreSQL's bigint (counts, sums) and numeric (averages) as JavaScript numbers, as SQLite
 * gives them: our counts are far below 2^53.
 */
const PG_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    if (oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A whole number of milliseconds from the environment, or the default. */
function millis(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

export function openPostgres(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    types: PG_TYPES,
    // While the server is away, a request waits this long for a connection, then gets a 503.
    connectionTimeoutMillis: millis("DATABASE_CONNECT_TIMEOUT_MS", 5000),
    // A stuck request must not hold a session's booking queue (its advisory lock) for ever.
    statement_timeout: millis("DATABASE_STATEMENT_TIMEOUT_MS", 15_000),
    idle_in_transaction_session_timeout: millis("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 15_000),
  });
  // A connection the server drops (a restart, a failover, pg_terminate_backend) emits "error".
  // pg-pool listens only while the connection is idle; while a request holds it, nobody does,
  // and an unheard "error" event ends the process. So every connection gets a listener of its
  // own for its whole life; the request holding it sees the failure as its query's error.
  pool.on("connect", (client) => {
    client.on("error", (error) => console.error("PostgreSQL connection lost:", error.message));
  });
  // The pool passes an idle connection's error on as its own; the line above has logged it, but
  // an event without a listener would end the process.
  pool.on("error", () => {});
  return pool;
}

/** Statement texts and their names, for every pool of the process; beyond the bound, unnamed. */
const statementNames = new Map<string, string>();
const MOST_NAMED_STATEMENTS = 2_000;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MOST_NAMED_STATEMENTS) {
    name = `jishi_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * The pool with each statement that has parameters prepared once per connection, by name:
 * PostgreSQL parses and plans an unnamed statement on every execution, and a page runs the same
 * dozen or twenty statements each time. Statements without parameters stay unnamed (a migration's
 * script may hold several, which only the simple protocol takes). For the app's own connection:
 * a prepared `select *` must not outlive a change of its table, and the app's tables change only
 * by migrations, before the app serves (decision 029).
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query: ((text: unknown, values?: readonly unknown[]) =>
          typeof text === "string" && values?.length
            ? client.query({ name: statementName(text), text, values: [...values] })
            : client.query(
                text as string,
                values as unknown[],
              )) as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

export function createDb(
  url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  { namedStatements = false } = {},
) {
  if (isPostgresUrl(url)) {
    const pool = openPostgres(url);
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: namedStatements ? withNamedStatements(pool) : pool }),
    });
  }
  return new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(url)) }),
  });
}

/**
 * Refuses a PostgreSQL database whose text does not sort byte by byte: dates and times are
 * stored as ISO text and compared as text, which only the C collation does as SQLite does.
 */
export async function checkPostgresDatabase(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ collation: string }>`
    select datcollate as collation from pg_database where datname = current_database()`.execute(db);
  const collation = rows[0]?.collation ?? "";
  // C.UTF-8 sorts by code point, which for UTF-8 is byte order too.
  if (!/^(C|POSIX|C\.utf-?8)$/i.test(collation))
    throw new Error(
      `The PostgreSQL database sorts text by "${collation}"; Jishi needs "C". Create it with ` +
        "createdb --template=template0 --locale=C --encoding=UTF8 <name>",
    );
}
