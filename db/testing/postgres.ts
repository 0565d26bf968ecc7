// Throw-away PostgreSQL databases for the test suite: one migrated, seeded template for the run,
// and a copy of it for each test file (CREATE DATABASE … TEMPLATE, as fast as copying a file).
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Set when the suite runs on PostgreSQL (`npm run test:postgres`). */
export const TEST_ON_POSTGRES = process.env.TEST_ENGINE === "postgres";

/** The URL of `database` on the server that TEST_POSTGRES_URL names. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database (or a copy of `template`) with the C collation; gives its name. */
export async function createTestDatabase(
  adminUrl: string,
  prefix: string,
  template = "template0",
): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await withAdmin(adminUrl, (client) =>
    client.query(
      `create database ${name} template ${template} encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`,
    ),
  );
  return name;
}

export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) =>
    client.query(`drop database if exists ${name} with (force)`),
  );
}
