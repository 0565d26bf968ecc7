// The limits on actions people could abuse, and the 429 answer when one is reached.
import { data, type HeadersFunction } from "@remix-run/node";
import { recordHit, retryAfterSeconds, type Limit } from "~/models/rate-limit.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";

export const LIMITS = {
  /** Failed logins, per address and per account. */
  login: { max: 10, windowMs: 60_000 },
  signUp: { max: 5, windowMs: 60 * 60_000 },
  passwordReset: { max: 5, windowMs: 60 * 60_000 },
  /** Problem reports from one address: enough for a neighbourhood's phones behind one router. */
  report: { max: 10, windowMs: 60 * 60_000 },
  /**
   * Booking tries (book, join a waiting list) per vendor: a vendor books a few stalls a day, a
   * script trying every stall at the moment booking opens would book hundreds.
   */
  booking: { max: 30, windowMs: 60_000 },
} satisfies Record<string, Limit>;

/** Seconds to wait before another attempt under `limit`, 0 when allowed. */
export async function limitWait(keys: string[], limit: Limit): Promise<number> {
  if (getEnv().RATE_LIMITS === "off") return 0;
  return retryAfterSeconds(db, keys, limit, new Date());
}

export async function countAttempt(keys: string[]): Promise<void> {
  const now = new Date();
  for (const key of keysToCount(keys)) await recordHit(db, key, now);
}

/**
 * The keys an attempt counts against, none when limits are off: for work that records the
 * attempt in its own transaction (a booking), so that it commits once.
 */
export function keysToCount(keys: string[]): string[] {
  return getEnv().RATE_LIMITS === "off" ? [] : keys;
}

/** HTTP 429 with Retry-After, and a form error the page shows in the reader's language. */
export function tooManyAttempts(seconds: number) {
  return data(
    { errors: { form: "error.tooManyAttempts" as const }, retryAfter: seconds },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

/**
 * A route's `headers`: Remix sends only the headers a route names on a page response, so a
 * route whose action can answer 429 passes the action's Retry-After on.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers();
  const wait = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (wait) headers.set("Retry-After", wait);
  return headers;
};
