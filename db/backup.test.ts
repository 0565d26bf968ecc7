import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { backup } from "./backup";
import { checkPragmas, openSqlite, SQLITE_PRAGMAS } from "./connect";
import { TEST_ON_POSTGRES } from "./testing/postgres";

describe("the database's settings", () => {
  it("are checked when a database is opened: WAL, synchronous FULL, foreign keys, busy timeout", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jishi-pragmas-")), "p.db");
    const database = openSqlite(`file:${file}`);
    expect(checkPragmas(database)).toEqual([]);
    expect(database.pragma("journal_mode", { simple: true })).toBe(SQLITE_PRAGMAS.journal_mode);
    database.pragma("synchronous = 1");
    expect(checkPragmas(database)).toEqual(["synchronous=1"]);
    database.close();
  });
});

// SQLite's own backup API; PostgreSQL is backed up with its own tools (README, Deploying).
describe.skipIf(TEST_ON_POSTGRES)("an online backup", () => {
  it("copies the database while it is open for writing, and the copy passes the integrity check", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-backup-"));
    const source = process.env.DATABASE_URL!;
    // A write going on beside it, through the app's own connection.
    await db.updateTable("zones").set({ updated_at: new Date().toISOString() }).execute();
    const result = await backup(source, process.env.UPLOAD_DIR!, folder);
    expect(result.integrity).toBe("ok");
    const copy = new SQLite(result.target, { readonly: true });
    const zones = copy.prepare("select count(*) from zones").pluck().get();
    copy.close();
    expect(zones).toBe(7);
    expect(result.files).toBeGreaterThan(0);
  });
});
