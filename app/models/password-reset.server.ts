// One-time links to set a password: the link carries a random token; only its SHA-256 is stored,
// so a copy of the database cannot be used to take over accounts.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { inTransaction } from "#db/transaction";
import { checkPhoneCode, type CheckCodeResult } from "./phone-code.server";

export const RESET_LIFETIME_MS = 60 * 60 * 1000;
export const INVITATION_LIFETIME_MS = 72 * 60 * 60 * 1000;

function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createPasswordToken(
  db: Kysely<Database>,
  userId: number,
  lifetimeMs = RESET_LIFETIME_MS,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("password_resets")
    .values({
      user_id: userId,
      token_hash: digest(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
    })
    .execute();
  return token;
}

/** The user a live, unused token belongs to. */
export async function findPasswordToken(db: Kysely<Database>, token: string, now: Date) {
  return db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["password_resets.id", "password_resets.user_id", "users.display_name"])
    .where("password_resets.token_hash", "=", digest(token))
    .where("password_resets.used_at", "is", null)
    .where("password_resets.expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

/**
 * Sets the new password and uses the token up, in one transaction; every session of the user
 * ends, so whoever knew the old password is logged out. False when the token is not valid.
 */
export async function resetPasswordWithToken(
  db: Kysely<Database>,
  token: string,
  passwordHash: string,
  now: Date,
): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const reset = await findPasswordToken(trx, token, now);
    if (!reset) return null;
    const used = await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where("id", "=", reset.user_id)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", reset.user_id).execute();
    return reset.user_id;
  });
}

/**
 * Sets a new password with a code sent by SMS to the account's phone, in one transaction with
 * the code's check; every session of the user ends. The check's answer when the code is not
 * right (one try fewer) or there is none.
 */
export async function resetPasswordWithCode(
  db: Kysely<Database>,
  input: { phone: string; code: string; passwordHash: string },
  now: Date,
): Promise<CheckCodeResult> {
  return inTransaction(db, async (trx) => {
    const checked = await checkPhoneCode(
      trx,
      { phone: input.phone, purpose: "reset", code: input.code },
      now,
    );
    if (!checked.ok) return checked;
    await trx
      .updateTable("users")
      .set({ password_hash: input.passwordHash, updated_at: now.toISOString() })
      .where("id", "=", checked.userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", checked.userId).execute();
    return checked;
  });
}
