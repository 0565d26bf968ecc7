// `npm run backup [folder]`: an online backup of the SQLite database while the app runs
// (SQLite's backup API copies a consistent snapshot page by page, beside WAL writers), checked
// with PRAGMA integrity_check, and a copy of the uploaded papers and photos beside it.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { DEFAULT_DATABASE_URL, isPostgresUrl, sqlitePathFromUrl } from "./connect";
import { isMainModule } from "./migrate";

export async function backup(url: string, uploads: string, folder: string) {
  if (isPostgresUrl(url))
    throw new Error(
      "npm run backup is for the embedded SQLite. Back up PostgreSQL with pg_dump (or your " +
        "provider's backups) and copy UPLOAD_DIR beside it.",
    );
  fs.mkdirSync(folder, { recursive: true });
  const target = path.join(folder, "jishi.db");
  const source = new SQLite(sqlitePathFromUrl(url), { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  const copy = new SQLite(target, { readonly: true });
  let integrity: string;
  let bookings: number;
  try {
    integrity = String(copy.pragma("integrity_check", { simple: true }));
    bookings = Number(copy.prepare("select count(*) as n from bookings").pluck().get());
  } finally {
    copy.close();
  }
  let files = 0;
  if (fs.existsSync(uploads)) {
    fs.cpSync(uploads, path.join(folder, "uploads"), { recursive: true });
    files = fs.readdirSync(uploads).length;
  }
  return { target, integrity, bookings, files, bytes: fs.statSync(target).size };
}

if (isMainModule(import.meta)) {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const folder = process.argv[2] ?? path.join("backups", stamp);
  try {
    const result = await backup(
      process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
      process.env.UPLOAD_DIR || "data/uploads",
      folder,
    );
    console.log(
      `Backup ${result.target}: ${(result.bytes / 1024).toFixed(0)} KB, ${result.bookings} bookings, ${result.files} uploaded files; integrity_check: ${result.integrity}`,
    );
    if (result.integrity !== "ok") process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
