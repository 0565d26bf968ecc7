// Six-digit codes sent by SMS: they prove a phone number is the person's (at sign-up, on a new
// number) and let a person with only a phone set a new password. A code lives five minutes and
// takes five wrong tries; only the newest code of a number and purpose works. Sending is limited
// per number (1 a minute, 5 an hour, 10 a day), per address, and for everyone together per day,
// in database rows so the limits hold across instances. docs/decisions/018-sms.md
import { createHash, randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, PhoneCodePurpose } from "#db/schema";
import { inTransaction } from "#db/transaction";
import { CODE_LIFETIME_MS, enqueueSms } from "./outbox.server";
import { recordHit, retryAfterSeconds, type Limit } from "./rate-limit.server";

export const CODE_TRIES = 5;

export const CODE_LIMITS = {
  perNumberMinute: { max: 1, windowMs: 60_000 },
  perNumberHour: { max: 5, windowMs: 60 * 60_000 },
  perNumberDay: { max: 10, windowMs: 24 * 60 * 60_000 },
  perAddressHour: { max: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

const DAY_MS = 24 * 60 * 60_000;
/** The key of the count of every code sent in 24 hours, which the office watches. */
export const ALL_CODES_KEY = "sms-codes:all";

function digest(phone: string, purpose: PhoneCodePurpose, code: string): string {
  return createHash("sha256").update(`${phone}|${purpose}|${code}`).digest("hex");
}

export type SendCodeResult =
  { ok: true; code?: never } | { ok: false; code: "tooSoon" | "dailyCap"; retryAfter: number };

/**
 * Sends a new code to `phone` for `purpose`, unless a limit is reached: then how many seconds
 * until one may be sent. `limits: false` only where rate limits are switched off (load tests).
 */
export async function sendPhoneCode(
  db: Kysely<Database>,
  input: {
    userId: number;
    phone: string;
    purpose: PhoneCodePurpose;
    locale: "zh-CN" | "en";
    clientIp: string;
    dailyCap: number;
    limits: boolean;
  },
  now: Date,
): Promise<SendCodeResult> {
  // Each limit counts under a key of its own: counting clears what is older than the window.
  const limits: [string, Limit][] = [
    [`sms-code-minute:${input.phone}`, CODE_LIMITS.perNumberMinute],
    [`sms-code-hour:${input.phone}`, CODE_LIMITS.perNumberHour],
    [`sms-code-day:${input.phone}`, CODE_LIMITS.perNumberDay],
    [`sms-code-ip:${input.clientIp}`, CODE_LIMITS.perAddressHour],
  ];
  if (input.limits) {
    const everyone = await retryAfterSeconds(
      db,
      [ALL_CODES_KEY],
      { max: input.dailyCap, windowMs: DAY_MS },
      now,
    );
    if (everyone > 0) return { ok: false, code: "dailyCap", retryAfter: everyone };
    let wait = 0;
    for (const [key, limit] of limits)
      wait = Math.max(wait, await retryAfterSeconds(db, [key], limit, now));
    if (wait > 0) return { ok: false, code: "tooSoon", retryAfter: wait };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await inTransaction(db, async (trx) => {
    // Only the newest code works: an older one still on the phone is no longer accepted.
    await trx
      .updateTable("phone_codes")
      .set({ used_at: now.toISOString() })
      .where("phone", "=", input.phone)
      .where("purpose", "=", input.purpose)
      .where("used_at", "is", null)
      .execute();
    await trx
      .insertInto("phone_codes")
      .values({
        phone: input.phone,
        purpose: input.purpose,
        user_id: input.userId,
        code_hash: digest(input.phone, input.purpose, code),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
      })
      .execute();
    await enqueueSms(
      trx,
      {
        userId: input.userId,
        phone: input.phone,
        kind: input.purpose === "reset" ? "reset_code" : "verify_code",
        params: { code, minutes: CODE_LIFETIME_MS / 60_000 },
        locale: input.locale,
      },
      now,
    );
    for (const key of [...limits.map(([key]) => key), ALL_CODES_KEY])
      await recordHit(trx, key, now);
  });
  return { ok: true };
}

/** The codes of a number and purpose that can still be entered: sent, unused, in time, tries left. */
function liveCodes(db: Kysely<Database>, phone: string, purpose: PhoneCodePurpose, now: Date) {
  return db
    .selectFrom("phone_codes")
    .where("phone", "=", phone)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .where("tries", "<", CODE_TRIES);
}

export type CheckCodeResult =
  | { ok: true; userId: number }
  | { ok: false; code: "wrongCode"; triesLeft: number }
  | { ok: false; code: "noCode" | "phoneTaken" };

/** Whether another account holds `phone` as a proved number. */
export async function phoneHeldByOther(
  db: Kysely<Database>,
  phone: string,
  userId: number,
): Promise<boolean> {
  const holder = await db
    .selectFrom("users")
    .select("id")
    .where("phone", "=", phone)
    .where("id", "!=", userId)
    .where("phone_verified_at", "is not", null)
    .executeTakeFirst();
  return !!holder;
}

/**
 * Checks a code typed for `phone`: right, it is used up and what it proves is done (a number
 * verified, or moved to the account for "change"); wrong, one try fewer is left. Inside the
 * caller's transaction when given one, so a reset can set the password with it.
 */
export async function checkPhoneCode(
  trx: Kysely<Database>,
  input: { phone: string; purpose: PhoneCodePurpose; code: string; userId?: number },
  now: Date,
): Promise<CheckCodeResult> {
  let query = liveCodes(trx, input.phone, input.purpose, now)
    .select(["id", "user_id", "code_hash", "tries"])
    .orderBy("id", "desc");
  if (input.userId !== undefined) query = query.where("user_id", "=", input.userId);
  const live = await query.executeTakeFirst();
  if (!live) return { ok: false, code: "noCode" };
  if (live.code_hash !== digest(input.phone, input.purpose, input.code.trim())) {
    await trx
      .updateTable("phone_codes")
      .set({ tries: live.tries + 1 })
      .where("id", "=", live.id)
      .execute();
    const triesLeft = CODE_TRIES - live.tries - 1;
    return triesLeft > 0
      ? { ok: false, code: "wrongCode", triesLeft }
      : { ok: false, code: "noCode" };
  }
  const used = await trx
    .updateTable("phone_codes")
    .set({ used_at: now.toISOString() })
    .where("id", "=", live.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return { ok: false, code: "noCode" };
  if (input.purpose === "change") {
    // Proved by someone else since the code was sent: theirs. An account that only typed it
    // (never proved) lets go of it.
    if (await phoneHeldByOther(trx, input.phone, live.user_id))
      return { ok: false, code: "phoneTaken" };
    await trx
      .updateTable("users")
      .set({ phone: null, updated_at: now.toISOString() })
      .where("phone", "=", input.phone)
      .where("id", "!=", live.user_id)
      .where("email", "is not", null)
      .execute();
    await trx
      .deleteFrom("users")
      .where("phone", "=", input.phone)
      .where("id", "!=", live.user_id)
      .where("phone_verified_at", "is", null)
      .execute();
  }
  // A reset proves the number already on the account; a counter's consent code proves the
  // vendor agreed, and the account the code was sent from is the clerk's.
  if (input.purpose === "verify" || input.purpose === "change")
    await trx
      .updateTable("users")
      .set({
        phone: input.phone,
        phone_verified_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where("id", "=", live.user_id)
      .execute();
  return { ok: true, userId: live.user_id };
}

/** Codes sent in the last 24 hours, everyone's together: the office sees it against the cap. */
export async function codesSentToday(db: Kysely<Database>, now: Date): Promise<number> {
  const row = await db
    .selectFrom("rate_limit_hits")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("key", "=", ALL_CODES_KEY)
    .where("at", ">=", new Date(now.getTime() - DAY_MS).toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether a code for `phone` and `purpose` can still be entered (sent, not used, not expired). */
export async function hasLiveCode(
  db: Kysely<Database>,
  phone: string,
  purpose: PhoneCodePurpose,
  now: Date,
): Promise<boolean> {
  return !!(await liveCodes(db, phone, purpose, now).select("id").executeTakeFirst());
}
