import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { getSessionUser } from "~/models/session.server";
import { findUserForLogin, type PublicUser } from "~/models/user.server";
import { getVendorForUser } from "~/models/vendor.server";
import { managedZoneIds } from "~/models/zone.server";
import { getZoneBySlugAnyStatus } from "~/models/zone-lookup.server";
import { db } from "./db.server";
import { decoyHash, verifyPassword } from "./password.server";
import { readSessionId } from "./session.server";
import { notFound } from "./responses";

export async function getOptionalUser(request: Request): Promise<PublicUser | null> {
  const now = new Date();
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  return (await getSessionUser(db, sessionId, now)) ?? null;
}

/** Only paths on this site, so that ?redirectTo= cannot send someone elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Read it as a browser would: browsers drop tab, CR and LF and treat "\\" as "/", so
  // "/\t/evil.example" is "//evil.example". Only a path on this site survives, serialised
  // percent-encoded, so that non-ASCII or control characters cannot break the Location header.
  let url: URL;
  try {
    url = new URL(to, "http://jishi.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://jishi.invalid") return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse into a leading "//" ("/.//evil.example").
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

export async function requireUser(request: Request): Promise<PublicUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  // A number is the person's once they enter the code sent to it; until then the account waits.
  if (user.phone && !user.phone_verified_at) {
    const url = new URL(request.url);
    throw redirect(
      `/verify-phone?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`,
    );
  }
  return user;
}

/** The user, if they hold one of `roles`; otherwise a 403 that the error boundary explains. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<PublicUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

/** The logged-in vendor and their application; anyone else gets a 403. */
export async function requireVendor(request: Request) {
  const user = await requireRole(request, "vendor");
  const vendor = await getVendorForUser(db, user.id);
  if (!vendor) throw new Response("Forbidden", { status: 403 });
  return { user, vendor };
}

/** The user when the password matches; the same time is spent when the account is unknown. */
export async function authenticate(
  identifier: string,
  password: string,
): Promise<{ id: number; role: Role } | null> {
  const user = await findUserForLogin(db, identifier);
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  return user && ok ? { id: user.id, role: user.role } : null;
}

/**
 * The zone named by `slug`, for a manager assigned to it or the county office. Anyone else gets
 * 403, and an unknown zone 404.
 */
export async function requireZoneManager(request: Request, slug: string | undefined) {
  const user = await requireRole(request, "manager", "office");
  const zone = slug ? await getZoneBySlugAnyStatus(db, slug) : undefined;
  if (!zone) throw notFound();
  if (user.role === "manager" && !(await managedZoneIds(db, user.id)).includes(zone.id)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return { user, zone };
}
