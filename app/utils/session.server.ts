// The session cookie: signed, httpOnly, SameSite=Lax, holding only the id of a session row.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { isPostgresUrl, sqlitePathFromUrl } from "#db/connect";
import { createSession, deleteSession } from "~/models/session.server";
import { setUserLocale } from "~/models/user.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import { getLocale } from "./i18n.server";
import { makeSessionCookie } from "./session-cookie.server";

/**
 * SESSION_SECRET when set (comma-separated, newest first, for rotation). Otherwise a secret
 * made once and kept beside the database, so the quick start needs no configuration and
 * sessions survive a restart.
 */
function sessionSecrets(): string[] {
  const env = getEnv();
  if (env.SESSION_SECRET) return env.SESSION_SECRET.split(",").map((s) => s.trim());
  // Several instances on one PostgreSQL must all sign with the same secret: it cannot be made
  // up by each of them, nor kept beside a database file there is none of.
  if (isPostgresUrl(env.DATABASE_URL))
    throw new Error("SESSION_SECRET must be set when DATABASE_URL is a PostgreSQL server");
  const dbPath = sqlitePathFromUrl(env.DATABASE_URL);
  if (dbPath === ":memory:") return [randomBytes(32).toString("hex")];
  const file = path.join(path.dirname(dbPath), "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return [fs.readFileSync(file, "utf8").trim()];
}

export const sessionCookie = makeSessionCookie(sessionSecrets(), {
  secure: (getEnv().APP_URL ?? "").startsWith("https:"),
});

// Checking the cookie's signature (an HMAC, then a second one to compare in constant time) cost
// every signed-in request a few per cent of its CPU. The answer depends only on the header and
// the secrets, fixed for the process, so it is kept for the headers seen last: a bounded memory
// (a few thousand headers of ordinary length), since anyone can send any header.
const sessionIdOf = new Map<string, string | null>();
const KEPT_HEADERS = 2000;
const KEPT_HEADER_LENGTH = 1024;

export async function readSessionId(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const known = sessionIdOf.get(header);
  if (known !== undefined) return known;
  const value: unknown = await sessionCookie.parse(header);
  const id = typeof value === "string" && value.length > 0 ? value : null;
  if (header.length <= KEPT_HEADER_LENGTH) {
    if (sessionIdOf.size >= KEPT_HEADERS) sessionIdOf.clear();
    sessionIdOf.set(header, id);
  }
  return id;
}

/** Starts a new session (always a new id) and sends the user on. */
export async function startSession(request: Request, userId: number, redirectTo: string) {
  const now = new Date();
  const previous = await readSessionId(request);
  if (previous) await deleteSession(db, previous);
  const { id } = await createSession(db, {
    userId,
    userAgent: request.headers.get("User-Agent"),
    now,
  });
  // The language the person signs in with is the one their SMS are written in.
  await setUserLocale(db, userId, await getLocale(request));
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize(id) },
  });
}

/** Revokes the session on the server, not only in the browser. */
export async function endSession(request: Request, redirectTo: string) {
  const id = await readSessionId(request);
  if (id) await deleteSession(db, id);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}
