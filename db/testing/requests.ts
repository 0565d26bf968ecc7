// Requests as a given user, for calling loaders and actions directly in integration tests.
import { createSession } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";

export async function userIdByEmail(email: string): Promise<number> {
  const user = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return user.id;
}

/** A `Cookie` header value for a new session of the user. */
export async function cookieForUser(userId: number): Promise<string> {
  const { id } = await createSession(db, { userId, userAgent: "vitest", now: new Date() });
  return (await sessionCookie.serialize(id)).split(";")[0]!;
}

export async function cookieFor(email: string): Promise<string> {
  return cookieForUser(await userIdByEmail(email));
}

export async function requestAs(email: string | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (email) headers.set("Cookie", await cookieFor(email));
  return new Request(`http://localhost${path}`, { ...init, headers });
}

export const testContext = { clientIp: "192.0.2.10" };

/** Runs a loader or action and gives back the Response it returned or threw. */
export async function settle(run: () => Promise<unknown>): Promise<Response | unknown> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
