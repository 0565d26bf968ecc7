// The session cookie's definition alone, so that test fixtures can sign a cookie the app accepts.
import { createCookie } from "@remix-run/node";
import { SESSION_LIFETIME_MS } from "~/models/session.server";

export function makeSessionCookie(secrets: string[]) {
  return createCookie("jishi_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_LIFETIME_MS / 1000,
    secrets,
  });
}
