import type { Kysely } from "kysely";
import type { Database, NewUser, User } from "#db/schema";

export type PublicUser = Pick<User, "id" | "display_name" | "role" | "phone" | "email">;

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
) {
  const now = new Date().toISOString();
  return db
    .insertInto("users")
    .values({ ...user, created_at: now, updated_at: now })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}
