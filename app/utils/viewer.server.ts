// Whose session a response was made for, as the installable app's service worker needs to know
// (issue 19): it keeps pages for reading offline and must forget them when the person using the
// phone changes. The header carries a digest of the session cookie, never the cookie or the user.
import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import { NO_VIEWER, VIEWER_HEADER } from "~/domain/offline";
import { SESSION_COOKIE_NAMES } from "./session-cookie.server";

const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)(?:${SESSION_COOKIE_NAMES.join("|")})=([^;]+)`);

export function viewerOf(cookieHeader: string | undefined): string {
  const session = cookieHeader ? SESSION_COOKIE.exec(cookieHeader)?.[1] : undefined;
  if (!session) return NO_VIEWER;
  return createHash("sha256").update(session).digest("base64url").slice(0, 16);
}

export const viewerHeader: RequestHandler = (req, res, next) => {
  if (req.method === "GET") res.setHeader(VIEWER_HEADER, viewerOf(req.headers.cookie));
  next();
};
