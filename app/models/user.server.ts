import type { Kysely } from "kysely";
import type { Database, NewUser, User } from "#db/schema";

export type PublicUser = Pick<
  User,
  "id" | "display_name" | "role" | "phone" | "email" | "phone_verified_at"
>;

/** Phone numbers are compared without spaces or dashes; e-mail addresses without case. */
export function normalizeIdentifier(identifier: string): { email: string } | { phone: string } {
  const trimmed = identifier.trim();
  if (trimmed.includes("@")) return { email: trimmed.toLowerCase() };
  return { phone: trimmed.replace(/[\s-]/g, "").replace(/^\+86/, "") };
}

export async function findUserForLogin(db: Kysely<Database>, identifier: string) {
  const key = normalizeIdentifier(identifier);
  let query = db.selectFrom("users").select(["id", "role", "password_hash"]);
  query =
    "email" in key ? query.where("email", "=", key.email) : query.where("phone", "=", key.phone);
  return query.executeTakeFirst();
}

export async function createUser(
  db: Kysely<Database>,
  user: Omit<NewUser, "created_at" | "updated_at">,
  at: Date,
) {
  const now = at.toISOString();
  return db
    .insertInto("users")
    .values({ ...user, created_at: now, updated_at: now })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

export async function getPasswordHash(db: Kysely<Database>, userId: number) {
  const row = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.password_hash;
}

export async function setPassword(
  db: Kysely<Database>,
  userId: number,
  passwordHash: string,
  now: Date,
) {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now.toISOString() })
    .where("id", "=", userId)
    .execute();
}

/** Where a message for this person goes: their e-mail when they have one, else their phone. */
export async function findContactForReset(db: Kysely<Database>, identifier: string) {
  const key = normalizeIdentifier(identifier);
  let query = db.selectFrom("users").select(["id", "email", "phone", "display_name"]);
  query =
    "email" in key ? query.where("email", "=", key.email) : query.where("phone", "=", key.phone);
  return query.executeTakeFirst();
}

/** The language a user reads the site in: what their SMS are written in. */
export async function setUserLocale(
  db: Kysely<Database>,
  userId: number,
  locale: "zh-CN" | "en",
): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

/** Whether the user gets an SMS the evening before each booked session. */
export async function getSmsReminders(db: Kysely<Database>, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("sms_reminders")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.sms_reminders === 1;
}

export async function setSmsReminders(db: Kysely<Database>, userId: number, on: boolean) {
  await db
    .updateTable("users")
    .set({ sms_reminders: on ? 1 : 0 })
    .where("id", "=", userId)
    .execute();
}

/** A user as the session sees them, by id: a counter clerk acting for a vendor sees the vendor. */
export async function getUserById(
  db: Kysely<Database>,
  id: number,
): Promise<PublicUser | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "display_name", "role", "phone", "email", "phone_verified_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}
