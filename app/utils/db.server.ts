// The one Kysely instance of the process, kept across rebuilds in development.
import type { Kysely } from "kysely";
import { createDb } from "#db/connect";
import type { Database } from "#db/schema";
import { pageDb } from "~/models/reference.server";
import { getEnv } from "./env.server";

declare global {
  var __jishiDb: Kysely<Database> | undefined;
}

export const db: Kysely<Database> = (globalThis.__jishiDb ??= createDb(getEnv().DATABASE_URL, {
  namedStatements: true,
}));

/** `db` for a page's loaders: the kept facts of one page are all as of one read (decision 033). */
export function dbFor(request: Request): Kysely<Database> {
  return pageDb(db, request);
}
