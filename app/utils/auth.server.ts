import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { getSessionPerson } from "~/models/session.server";
import { findUserForLogin, getUserById, type PublicUser } from "~/models/user.server";
import { actingVendorOf, counterZoneIds } from "~/models/counter.server";
import { getVendorById } from "~/models/vendor.server";
import { managedZoneIds } from "~/models/zone.server";
import { getZoneBySlugAnyStatus } from "~/models/zone-lookup.server";
import { db } from "./db.server";
import { decoyHash, verifyPassword } from "./password.server";
import { readSessionId } from "./session.server";
import { notFound } from "./responses";

type Person = NonNullable<Awaited<ReturnType<typeof getSessionPerson>>>;

// The root's loader and the page's both ask who is signed in, with the same request: a GET is
// read once (a POST's action may sign someone in or out before its page is read again). A
// vendor's record comes in the same statement.
const peopleOf = new WeakMap<Request, Promise<Person | null>>();

function getPerson(request: Request): Promise<Person | null> {
  if (request.method !== "GET") return readPerson(request);
  let person = peopleOf.get(request);
  if (!person) peopleOf.set(request, (person = readPerson(request)));
  return person;
}

async function readPerson(request: Request): Promise<Person | null> {
  const now = new Date();
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  return (await getSessionPerson(db, sessionId, now)) ?? null;
}

export async function getOptionalUser(request: Request): Promise<PublicUser | null> {
  return (await getPerson(request))?.user ?? null;
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
  return (await requirePerson(request)).user;
}

async function requirePerson(request: Request): Promise<Person> {
  const person = await getPerson(request);
  if (!person) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  const { user } = person;
  // A number is the person's once they enter the code sent to it; until then the account waits.
  if (user.phone && !user.phone_verified_at) {
    const url = new URL(request.url);
    throw redirect(
      `/verify-phone?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`,
    );
  }
  return person;
}

/** The user, if they hold one of `roles`; otherwise a 403 that the error boundary explains. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<PublicUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

/**
 * The logged-in vendor and their application; anyone else gets a 403. On the pages a service
 * counter may use (`counter: true`), a clerk acting for a vendor gets that vendor, with `clerk`
 * set: the page then runs as the vendor's, and what it changes is audited as the clerk's. A clerk
 * elsewhere, or acting for no one, is sent to the counter's page.
 */
export async function requireVendor(request: Request, { counter = false } = {}) {
  const { user, vendor: own } = await requirePerson(request);
  if (user.role === "clerk") {
    const sessionId = await readSessionId(request);
    const vendorId = sessionId ? await actingVendorOf(db, sessionId) : null;
    if (!counter || vendorId === null) throw redirect("/counter");
    const vendor = await getVendorById(db, vendorId);
    const owner = vendor && (await getUserById(db, vendor.user_id));
    if (!vendor || !owner) throw redirect("/counter");
    return { user: owner, vendor, clerk: user as PublicUser | null };
  }
  if (user.role !== "vendor" || !own) throw new Response("Forbidden", { status: 403 });
  return { user, vendor: own, clerk: null as PublicUser | null };
}

/** For a counter clerk's pages: the name of the vendor their session acts for, if any. */
export async function actingVendorName(request: Request): Promise<string | null> {
  const sessionId = await readSessionId(request);
  const vendorId = sessionId ? await actingVendorOf(db, sessionId) : null;
  const vendor = vendorId === null ? undefined : await getVendorById(db, vendorId);
  return vendor?.display_name ?? null;
}

/** A counter clerk, with the zones their counter serves; anyone else gets a 403. */
export async function requireClerk(request: Request) {
  const user = await requireRole(request, "clerk");
  return { user, zoneIds: await counterZoneIds(db, user.id) };
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
