// Runs before each test file: points DATABASE_URL at a private copy of the seeded template.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { registerAllCatalogues } from "~/utils/i18n.server";
import { createTestDatabase, databaseUrl, dropTestDatabase, TEST_ON_POSTGRES } from "./postgres";

const template = inject("templateDatabase");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "";
let copy: string;
if (TEST_ON_POSTGRES) {
  copy = await createTestDatabase(adminUrl, "jishi_test", template);
  process.env.DATABASE_URL = databaseUrl(adminUrl, copy);
} else {
  const file = template.slice("file:".length);
  copy = path.join(path.dirname(file), `${randomBytes(6).toString("hex")}.db`);
  fs.copyFileSync(file, copy);
  process.env.DATABASE_URL = `file:${copy}`;
}
process.env.UPLOAD_DIR = inject("uploadDir");
// A small free-disk floor: the suite must pass on a machine with little disk left (the floor's
// own tests mock the free space).
process.env.UPLOAD_MIN_FREE_MB ??= "20";
process.env.SESSION_SECRET = "test-session-secret-at-least-16";
// The app keeps one connection per process; a new file must not reuse the last file's.
globalThis.__jishiDb = undefined;

afterAll(async () => {
  await globalThis.__jishiDb?.destroy();
  globalThis.__jishiDb = undefined;
  if (TEST_ON_POSTGRES) await dropTestDatabase(adminUrl, copy);
});

// Messages are rendered in tests as on the server: both languages.
registerAllCatalogues();
