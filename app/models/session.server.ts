// Login sessions are rows, so that logging out (or an administrator) can revoke them.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { Database } from "#db/schema";
import type { PublicUser } from "./user.server";
import { vendorFields, type VendorRecord } from "./vendor.server";

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export async function createSession(
  db: Kysely<Database>,
  { userId, userAgent, now }: { userId: number; userAgent: string | null; now: Date },
) {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { id, expiresAt };
}

/** The user a live session belongs to; undefined for an unknown, revoked or expired one. */
export async function getSessionUser(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
): Promise<PublicUser | undefined> {
  return (await getSessionPerson(db, sessionId, now))?.user;
}

/**
 * The user a live session belongs to and, when they are a vendor, their vendor record: one
 * statement for what every vendor's page asks first.
 */
export async function getSessionPerson(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
): Promise<{ user: PublicUser; vendor: VendorRecord | null } | undefined> {
  const row = await liveSessionPerson.first(db, { sessionId, now: now.toISOString() });
  if (!row) return undefined;
  const { id, display_name, role, phone, email, phone_verified_at, vendor_id, ...vendor } = row;
  return {
    user: { id, display_name, role, phone, email, phone_verified_at },
    // The vendor's columns are null only when there is no vendor (their category is required).
    vendor:
      vendor_id === null
        ? null
        : ({ ...vendor, id: vendor_id, display_name, phone, email } as VendorRecord),
  };
}

const liveSessionPerson = prepared((db, p: { sessionId: string; now: string }) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("vendors", "vendors.user_id", "users.id")
    .leftJoin("categories", "categories.slug", "vendors.category_slug")
    .select([
      "users.id",
      "users.display_name",
      "users.role",
      "users.phone",
      "users.email",
      "users.phone_verified_at",
      "vendors.id as vendor_id",
      ...vendorFields,
    ])
    .where("sessions.id", "=", p.sessionId)
    .where("sessions.expires_at", ">", p.now),
);

/** Ends every session of a user but `keep` (the one making the change), e.g. on a new password. */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: number,
  keep: string | null,
) {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keep) query = query.where("id", "!=", keep);
  await query.execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}
