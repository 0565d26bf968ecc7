// The session cookie's definition alone, so that test fixtures can sign a cookie the app accepts.
import { createCookie } from "@remix-run/node";
import { SESSION_LIFETIME_MS } from "~/models/session.server";

/**
 * Over HTTPS the cookie is Secure and named with the `__Host-` prefix, which browsers accept
 * only from a secure origin, for the whole site and no subdomain: no other host can plant it.
 */
export function makeSessionCookie(
  secrets: string[],
  { secure = false }: { secure?: boolean } = {},
) {
  return createCookie(secure ? "__Host-jishi_session" : "jishi_session", {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_LIFETIME_MS / 1000,
    secrets,
  });
}
