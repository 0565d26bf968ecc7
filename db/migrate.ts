// Applies every migration in db/migrations that has not run yet. Run as a script
// (`npm run db:migrate`) it exits non-zero on failure; the server calls migrateToLatest at start.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Migrator, type Kysely } from "kysely";
import { checkPostgresDatabase, createDb } from "./connect";
import { isPostgres } from "./portable";
import { migrations } from "./migrations";

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (isPostgres(db)) await checkPostgresDatabase(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "");
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${reason}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Migrates the database at `url` on a connection of its own, closed after; logs what ran. */
export async function migrateDatabase(url: string): Promise<void> {
  const db = createDb(url);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) console.log(`Migrated: ${applied.join(", ")}`);
  } finally {
    await db.destroy();
  }
}

export function isMainModule(meta: ImportMeta): boolean {
  return !!process.argv[1] && meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
}

if (isMainModule(import.meta)) {
  const db = createDb();
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
