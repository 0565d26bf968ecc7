// The session cookie's definition alone, so that test fixtures can sign a cookie the app accepts.
import { createCookie } from "@remix-run/node";
import { SESSION_LIFETIME_MS } from "~/models/session.server";

/**
 * Over HTTPS the cookie is Secure and named with the `__Host-` prefix, which browsers accept
 * only from a secure origin, for the whole site and no subdomain: no other host can plant it.
 */
/** The cookie's name over plain HTTP, and over HTTPS. */
export const SESSION_COOKIE_NAMES = ["jishi_session", "__Host-jishi_session"] as const;

export function makeSessionCookie(
  secrets: string[],
  { secure = false }: { secure?: boolean } = {},
) {
  return createCookie(SESSION_COOKIE_NAMES[secure ? 1 : 0], {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_LIFETIME_MS / 1000,
    secrets,
  });
}
