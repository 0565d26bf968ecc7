// Builds one migrated, seeded database for the whole test run; each test file gets a copy
// (db/testing/setup-file.ts), so files never see each other's writes. SQLite by default; a
// PostgreSQL template database when TEST_ENGINE=postgres (see db/testing/postgres.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../connect";
import { migrateToLatest } from "../migrate";
import { seed } from "../seed";
import { createTestDatabase, databaseUrl, dropTestDatabase, TEST_ON_POSTGRES } from "./postgres";

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-test-"));
  // The demo's papers go beside the template, never into the working tree.
  process.env.UPLOAD_DIR = path.join(dir, "uploads");
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (TEST_ON_POSTGRES && !adminUrl)
    throw new Error("TEST_ENGINE=postgres needs TEST_POSTGRES_URL");
  const templateName = TEST_ON_POSTGRES
    ? await createTestDatabase(adminUrl!, "jishi_template")
    : "";
  const template = TEST_ON_POSTGRES
    ? databaseUrl(adminUrl!, templateName)
    : `file:${path.join(dir, "template.db")}`;
  const db = createDb(template);
  await migrateToLatest(db);
  await seed(db);
  await db.destroy();
  project.provide("templateDatabase", TEST_ON_POSTGRES ? templateName : template);
  project.provide("uploadDir", process.env.UPLOAD_DIR);
  return async () => {
    if (TEST_ON_POSTGRES) await dropTestDatabase(adminUrl!, templateName);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A SQLite `file:` URL, or the name of the PostgreSQL template database. */
    templateDatabase: string;
    uploadDir: string;
  }
}
