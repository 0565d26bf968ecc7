import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, openSqlite } from "./connect";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations";
import {
  createTestDatabase,
  databaseUrl,
  dropTestDatabase,
  TEST_ON_POSTGRES,
} from "./testing/postgres";

const dirs: string[] = [];
const databases: string[] = [];
function newFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-migrate-"));
  dirs.push(dir);
  return path.join(dir, "fresh.db");
}
/** An empty database on the engine the suite runs on. */
async function emptyDb() {
  if (!TEST_ON_POSTGRES) return createDb(`file:${newFile()}`);
  const admin = process.env.TEST_POSTGRES_URL!;
  const name = await createTestDatabase(admin, "jishi_migrate");
  databases.push(name);
  return createDb(databaseUrl(admin, name));
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  for (const name of databases.splice(0))
    await dropTestDatabase(process.env.TEST_POSTGRES_URL!, name);
});

describe("migrations", () => {
  it("lists every file in db/migrations, in order", () => {
    const files = fs
      .readdirSync(path.join(import.meta.dirname, "migrations"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const name of files) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it("apply from zero to an empty database, and a second run does nothing", async () => {
    const db = await emptyDb();
    try {
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(db)).toEqual([]);
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name).sort()).toEqual(
        [
          "audit_log",
          "ballots",
          "ballot_stalls",
          "ballot_corrections",
          "price_items",
          "integrity_rules",
          "integrity_events",
          "inspection_findings",
          "ballot_applications",
          "bookings",
          "session_tallies",
          "reference_generation",
          "closures",
          "market_events",
          "zone_settings",
          "documents",
          "notifications",
          "outbox",
          "password_resets",
          "phone_codes",
          "rate_limit_hits",
          "categories",
          "layouts",
          "session_templates",
          "sessions",
          "stall_categories",
          "stalls",
          "users",
          "waitlist_entries",
          "vendors",
          // The search index (and on SQLite the tables FTS5 keeps for it).
          "vendor_search",
          ...(TEST_ON_POSTGRES
            ? []
            : [
                "vendor_search_config",
                "vendor_search_content",
                "vendor_search_data",
                "vendor_search_docsize",
                "vendor_search_idx",
              ]),
          "layout_features",
          "layout_rules",
          "problem_reports",
          "inspections",
          "inspection_followups",
          "announcements",
          "upload_ledger",
          "health_probe",
          "zone_managers",
          "zones",
          "counter_zones",
          "counter_consents",
        ].sort(),
      );
    } finally {
      await db.destroy();
    }
  });

  it("widen a CHECK on either engine: a counter clerk is a role, an unknown role is still refused", async () => {
    const db = await emptyDb();
    try {
      await migrateToLatest(db);
      const user = (role: string) => ({
        phone: null,
        email: `${role}@example.test`,
        password_hash: "x",
        display_name: role,
        role: role as "clerk",
        created_at: "2026-11-30T00:00:00.000Z",
        updated_at: "2026-11-30T00:00:00.000Z",
      });
      await db.insertInto("users").values(user("clerk")).execute();
      await expect(db.insertInto("users").values(user("boss")).execute()).rejects.toThrow(/check/i);
    } finally {
      await db.destroy();
    }
  });

  it("roll back cleanly", async () => {
    const db = await emptyDb();
    try {
      await migrateToLatest(db);
      for (const name of Object.keys(migrations).reverse()) await migrations[name]!.down!(db);
      const tables = await db.introspection.getTables();
      expect(tables).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("keep one approved layout per zone in the database itself", async () => {
    const db = await emptyDb();
    try {
      await migrateToLatest(db);
      const now = new Date().toISOString();
      const { id } = await db
        .insertInto("zones")
        .values({
          slug: "z",
          name_zh: "测",
          name_en: "T",
          kind: "park",
          boundary: "{}",
          address_zh: "",
          address_en: "",
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const layout = (version: number) => ({
        zone_id: id,
        version,
        status: "approved" as const,
        notes: null,
        created_at: now,
      });
      await db.insertInto("layouts").values(layout(1)).execute();
      await expect(db.insertInto("layouts").values(layout(2)).execute()).rejects.toThrow(
        /UNIQUE constraint failed|duplicate key value violates unique constraint/,
      );
    } finally {
      await db.destroy();
    }
  });
});

describe("connection settings", () => {
  it("are durable: WAL, synchronous FULL, foreign keys on, a busy timeout", async () => {
    const database = openSqlite(`file:${newFile()}`);
    try {
      expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(database.pragma("synchronous", { simple: true })).toBe(2);
      expect(database.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(database.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      database.close();
    }
  });

  it("enforce foreign keys", async () => {
    const db = createDb(`file:${newFile()}`);
    try {
      await migrateToLatest(db);
      await expect(
        sql`insert into sessions (id, user_id, created_at, expires_at) values ('s', 999, 'x', 'y')`.execute(
          db,
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.destroy();
    }
  });
});
