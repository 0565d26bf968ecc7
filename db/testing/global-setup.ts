// Builds one migrated, seeded database for the whole test run; each test file gets a copy
// (db/testing/setup-file.ts), so files never see each other's writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../connect";
import { migrateToLatest } from "../migrate";
import { seed } from "../seed";

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jishi-test-"));
  const template = path.join(dir, "template.db");
  // The demo's papers go beside the template, never into the working tree.
  process.env.UPLOAD_DIR = path.join(dir, "uploads");
  const db = createDb(`file:${template}`);
  await migrateToLatest(db);
  await seed(db);
  await db.destroy();
  project.provide("templateDatabase", template);
  project.provide("uploadDir", process.env.UPLOAD_DIR);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    uploadDir: string;
  }
}
