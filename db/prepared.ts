// Queries that pages run on every view, built and compiled once per database engine instead of on
// every call (decision 034). Kysely builds a tree of frozen nodes and compiles it to SQL for each
// execution; for the dozen statements of a market or booking page that was a sixth of the page's
// CPU. A prepared query is built once with a mark in place of each value, and afterwards only its
// values change.
import {
  createQueryId,
  type Compilable,
  type CompiledQuery,
  type DialectAdapter,
  type Kysely,
  type QueryResult,
} from "kysely";
import type { Database } from "./schema";

/** What a prepared query may take: plain values, each used as one value of the statement. */
type PreparedValue = string | number | null;
type PreparedValues<P> = { [K in keyof P]: PreparedValue };

const MARK = "\u0000jishi-value:";

interface Template {
  sql: string;
  query: CompiledQuery["query"];
  /** For each of the statement's parameters, the value's name, or a constant of the query. */
  slots: ({ name: string } | { constant: unknown })[];
}

/**
 * Values are only ever placed as the statement's parameters: a value that decides the query's
 * shape (an `in` list, a condition added when it is set, a limit) must not be a prepared value.
 * Outside production every call is also built the ordinary way and compared (`checkEveryCall`),
 * so the unit and PostgreSQL suites catch a query whose shape depends on its values.
 */
export function prepared<P extends PreparedValues<P>, O>(
  build: (db: Kysely<Database>, values: P) => Compilable<O>,
) {
  // The SQL differs between engines, not between a database and its transactions.
  const templates = new WeakMap<DialectAdapter, Template>();

  function compile(db: Kysely<Database>, values: P): CompiledQuery<O> {
    const executor = db.getExecutor();
    // A plugin changes each query as it is compiled (a test counting statements, say): for a
    // database with plugins every call is built as usual.
    if (executor.plugins.length > 0) return build(db, values).compile();
    const adapter = executor.adapter;
    let template = templates.get(adapter);
    if (!template) templates.set(adapter, (template = makeTemplate(db, build)));
    const compiled: CompiledQuery<O> = {
      sql: template.sql,
      // The first build's tree, with marks for values: drivers read only what kind of query it is.
      query: template.query,
      queryId: createQueryId(),
      parameters: template.slots.map((slot) =>
        "name" in slot ? valueOf(values, slot.name) : slot.constant,
      ),
    };
    if (checkEveryCall) sameAsBuilt(compiled, build(db, values).compile());
    return compiled;
  }

  return {
    /** The whole result: for a write, how many rows it changed. */
    run(db: Kysely<Database>, values: P): Promise<QueryResult<O>> {
      return db.executeQuery(compile(db, values));
    },
    async all(db: Kysely<Database>, values: P): Promise<O[]> {
      return (await db.executeQuery(compile(db, values))).rows;
    },
    async first(db: Kysely<Database>, values: P): Promise<O | undefined> {
      return (await db.executeQuery(compile(db, values))).rows[0];
    },
  };
}

const checkEveryCall = process.env.NODE_ENV !== "production";

function makeTemplate<P extends PreparedValues<P>>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, values: P) => Compilable<unknown>,
): Template {
  const asked = new Set<string>();
  const marks = new Proxy({} as P, {
    get(_, name) {
      if (typeof name !== "string") throw new Error("A prepared query's values are named");
      asked.add(name);
      return MARK + name;
    },
  });
  const { sql, query, parameters } = build(db, marks).compile();
  if (sql.includes(MARK)) throw new Error("A prepared value was written into the SQL text");
  const placed = new Set<string>();
  const slots = parameters.map((parameter) => {
    if (typeof parameter === "string" && parameter.includes(MARK)) {
      const name = parameter.slice(MARK.length);
      if (!parameter.startsWith(MARK) || !asked.has(name)) {
        throw new Error(`A prepared value was changed before use: ${JSON.stringify(parameter)}`);
      }
      placed.add(name);
      return { name };
    }
    return { constant: parameter };
  });
  for (const name of asked) {
    if (!placed.has(name)) throw new Error(`The prepared value "${name}" shapes the query`);
  }
  return { sql, query, slots };
}

function valueOf(values: object, name: string): unknown {
  const value = (values as Record<string, unknown>)[name];
  if (value === undefined) throw new Error(`The prepared value "${name}" is missing`);
  return value;
}

function sameAsBuilt(prepared: CompiledQuery, built: CompiledQuery): void {
  const same =
    prepared.sql === built.sql &&
    prepared.parameters.length === built.parameters.length &&
    prepared.parameters.every((value, i) => Object.is(value, built.parameters[i]));
  if (!same) {
    throw new Error(
      `A prepared query differs from the same query built for its values:\n${prepared.sql}\n${built.sql}`,
    );
  }
}
