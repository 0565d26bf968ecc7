// Runs before each test file: points DATABASE_URL at a private copy of the seeded template.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";

const template = inject("templateDatabase");
const copy = path.join(path.dirname(template), `${randomBytes(6).toString("hex")}.db`);
fs.copyFileSync(template, copy);
process.env.DATABASE_URL = `file:${copy}`;
process.env.UPLOAD_DIR = inject("uploadDir");
process.env.SESSION_SECRET = "test-session-secret-at-least-16";
// The app keeps one connection per process; a new file must not reuse the last file's.
globalThis.__jishiDb = undefined;

afterAll(async () => {
  await globalThis.__jishiDb?.destroy();
  globalThis.__jishiDb = undefined;
});
