// Sending a code from a route: the limits as configured, the reader's language, and the answer
// a page shows when a limit is reached (429 with Retry-After, in words that say when to try).
import { data } from "@remix-run/node";
import type { PhoneCodePurpose } from "#db/schema";
import {
  sendPhoneCode,
  type CheckCodeResult,
  type SendCodeResult,
} from "~/models/phone-code.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import type { Locale } from "./i18n";
import { deliverMessages } from "./notifier.server";

export async function sendCode(input: {
  userId: number;
  phone: string;
  purpose: PhoneCodePurpose;
  locale: Locale;
  clientIp: string;
}): Promise<SendCodeResult> {
  const env = getEnv();
  const result = await sendPhoneCode(
    db,
    { ...input, dailyCap: env.SMS_CODES_PER_DAY, limits: env.RATE_LIMITS === "on" },
    new Date(),
  );
  // Sent now rather than at the delivery job's next turn: the person is waiting for it.
  if (result.ok) void deliverMessages(db);
  return result;
}

/** A 429 a code page shows: wait this many minutes, or (the day's cap) try again tomorrow. */
export function codeRefused(result: Extract<SendCodeResult, { ok: false }>) {
  const minutes = Math.max(1, Math.ceil(result.retryAfter / 60));
  return data(
    {
      errors: {
        form:
          result.code === "dailyCap"
            ? ("code.error.dailyCap" as const)
            : ("code.error.tooSoon" as const),
      },
      errorParams: { form: { minutes } },
      retryAfter: result.retryAfter,
    },
    { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
  );
}

/** A 400 for a code that was not taken: wrong (with the tries left), gone, or the number taken. */
export function codeNotTaken(
  result: Extract<CheckCodeResult, { ok: false }>,
  extra: Record<string, string> = {},
) {
  return data(
    {
      errors: {
        code:
          result.code === "wrongCode"
            ? ("code.error.wrong" as const)
            : result.code === "phoneTaken"
              ? ("join.error.phoneTaken" as const)
              : ("code.error.none" as const),
      },
      errorParams: result.code === "wrongCode" ? { code: { tries: result.triesLeft } } : {},
      ...extra,
    },
    { status: 400 },
  );
}
