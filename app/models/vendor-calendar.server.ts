// A vendor's private calendar feed: a secret URL their phone's calendar can subscribe to.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

const newToken = () => randomBytes(24).toString("base64url");

export async function findCalendarToken(
  db: Kysely<Database>,
  vendorId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom("vendors")
    .select("calendar_token")
    .where("id", "=", vendorId)
    .executeTakeFirstOrThrow();
  return row.calendar_token;
}

/** The vendor's feed token, made on first use. */
export async function calendarToken(db: Kysely<Database>, vendorId: number): Promise<string> {
  const row = await db
    .selectFrom("vendors")
    .select("calendar_token")
    .where("id", "=", vendorId)
    .executeTakeFirstOrThrow();
  if (row.calendar_token) return row.calendar_token;
  const token = newToken();
  await db
    .updateTable("vendors")
    .set({ calendar_token: token })
    .where("id", "=", vendorId)
    .where("calendar_token", "is", null)
    .execute();
  return (
    await db
      .selectFrom("vendors")
      .select("calendar_token")
      .where("id", "=", vendorId)
      .executeTakeFirstOrThrow()
  ).calendar_token!;
}

/** A new secret: the old feed URL stops working at once. */
export async function resetCalendarToken(db: Kysely<Database>, vendorId: number): Promise<string> {
  const token = newToken();
  await db
    .updateTable("vendors")
    .set({ calendar_token: token })
    .where("id", "=", vendorId)
    .execute();
  return token;
}

export async function vendorByCalendarToken(db: Kysely<Database>, token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) return undefined;
  return db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select(["vendors.id", "users.display_name"])
    .where("vendors.calendar_token", "=", token)
    .executeTakeFirst();
}
