// SQLite rows as plain objects (db/connect.ts, withPlainRows): the same names, values and order as
// better-sqlite3's own rows, in V8's fast mode, and right after the schema changes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./connect";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plain-rows-"));
const file = path.join(dir, "rows.db");
const db = createDb(`file:${file}`);

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

// V8's own test of an object's mode, reachable once natives syntax is allowed; functions
// compiled after the flag is set may use it.
v8.setFlagsFromString("--allow-natives-syntax");
const hasFastProperties = new Function("o", "return %HasFastProperties(o)") as (
  o: object,
) => boolean;

describe.skipIf(process.env.TEST_ENGINE === "postgres")("SQLite rows", () => {
  it("have better-sqlite3's names, values and order, a repeated name keeping its last value", async () => {
    const text = "select 1 as a, 'x' as b, null as c, 2.5 as a, x'00ff' as d";
    const ours = (await sql.raw(text).execute(db)).rows;
    const native = new SQLite(file, { readonly: true });
    try {
      const theirs = native.prepare(text).all();
      expect(ours).toEqual(theirs);
      expect(Object.keys(ours[0] as object)).toEqual(Object.keys(theirs[0] as object));
    } finally {
      native.close();
    }
  });

  it("are objects in V8's fast mode, as better-sqlite3's own are not", async () => {
    await sql`create table if not exists fruit (id integer primary key, name text, price integer)`.execute(
      db,
    );
    await sql`insert into fruit (name, price) values ('西红柿', 300), ('黄瓜', 250)`.execute(db);
    const rows = (await sql`select id, name, price from fruit order by id`.execute(db))
      .rows as object[];
    expect(rows.map((r) => hasFastProperties(r))).toEqual([true, true]);
    // The control: without the conversion the same statement's rows are in dictionary mode.
    const native = new SQLite(file, { readonly: true });
    try {
      expect(
        hasFastProperties(native.prepare("select id, name, price from fruit").get() as object),
      ).toBe(false);
    } finally {
      native.close();
    }
  });

  it("take the new columns of a `select *` after the table changes", async () => {
    await sql`create table if not exists shelf (id integer primary key, label text)`.execute(db);
    await sql`insert into shelf (label) values ('A-01')`.execute(db);
    const all = () =>
      db
        .selectFrom("shelf" as never)
        .selectAll()
        .execute();
    expect(await all()).toEqual([{ id: 1, label: "A-01" }]);
    await sql`alter table shelf add column row_code text default 'A'`.execute(db);
    expect(await all()).toEqual([{ id: 1, label: "A-01", row_code: "A" }]);
  });
});
