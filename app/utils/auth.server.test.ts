import { describe, expect, it } from "vitest";
import { DEMO_PASSWORDS, staffSpecs } from "#db/demo/people";
import { createSession, deleteSession, getSessionUser } from "~/models/session.server";
import {
  authenticate,
  getOptionalUser,
  requireRole,
  requireUser,
  requireVendor,
  safeRedirect,
} from "./auth.server";
import { db } from "./db.server";
import { readSessionId, sessionCookie, startSession } from "./session.server";
import { getVendorForUser } from "~/models/vendor.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const office = staffSpecs.find((s) => s.role === "office")!;
const manager = staffSpecs.find((s) => s.role === "manager")!;

async function requestWithSession(userId: number, path = "/manage") {
  const { id } = await createSession(db, { userId, userAgent: "test", now });
  const cookie = await sessionCookie.serialize(id);
  return {
    id,
    request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie.split(";")[0]! } }),
  };
}

describe("authenticate", () => {
  it.each([
    ["office by e-mail", office.email, DEMO_PASSWORDS.office, "office"],
    ["office by phone", office.phone, DEMO_PASSWORDS.office, "office"],
    ["manager by phone with spaces", "139 0000 0011", DEMO_PASSWORDS.manager, "manager"],
    [
      "manager by e-mail in capitals",
      manager.email.toUpperCase(),
      DEMO_PASSWORDS.manager,
      "manager",
    ],
    ["approved vendor", "vendor.wang@jishi.example", DEMO_PASSWORDS.vendor, "vendor"],
    ["pending vendor", "vendor.pending@jishi.example", DEMO_PASSWORDS.vendor, "vendor"],
    ["vendor by +86 phone", "+8613800000001", DEMO_PASSWORDS.vendor, "vendor"],
  ])("lets in the %s", async (_name, identifier, password, role) => {
    const user = await authenticate(identifier, password);
    expect(user?.role).toBe(role);
  });

  it.each([
    ["a wrong password", office.email, DEMO_PASSWORDS.manager],
    ["an unknown account", "nobody@jishi.example", DEMO_PASSWORDS.office],
    ["an empty password", office.email, ""],
  ])("refuses %s", async (_name, identifier, password) => {
    expect(await authenticate(identifier, password)).toBeNull();
  });
});

describe("sessions", () => {
  it("name their user until they are deleted", async () => {
    const user = (await authenticate(office.email, DEMO_PASSWORDS.office))!;
    const { id } = await createSession(db, { userId: user.id, userAgent: null, now });
    expect((await getSessionUser(db, id, now))?.role).toBe("office");
    await deleteSession(db, id);
    expect(await getSessionUser(db, id, now)).toBeUndefined();
  });

  it("stop working when they expire", async () => {
    const user = (await authenticate(office.email, DEMO_PASSWORDS.office))!;
    const created = new Date("2026-01-01T00:00:00Z");
    const { id, expiresAt } = await createSession(db, {
      userId: user.id,
      userAgent: null,
      now: created,
    });
    expect(await getSessionUser(db, id, new Date(expiresAt.getTime() - 1000))).toBeDefined();
    expect(await getSessionUser(db, id, expiresAt)).toBeUndefined();
  });

  it("get a new id at every login, and the old one is revoked", async () => {
    const user = (await authenticate(office.email, DEMO_PASSWORDS.office))!;
    const { id: oldId, request } = await requestWithSession(user.id, "/login");
    const response = await startSession(request, user.id, "/manage");
    const newId = await sessionCookie.parse(response.headers.get("Set-Cookie"));
    expect(newId).toBeTruthy();
    expect(newId).not.toBe(oldId);
    expect(await getSessionUser(db, oldId, now)).toBeUndefined();
    expect(response.headers.get("Set-Cookie")).toMatch(/HttpOnly/);
    expect(response.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/);
  });

  it("are read once for all the loaders of one page, and again for each form sent", async () => {
    const user = (await authenticate(office.email, DEMO_PASSWORDS.office))!;
    const { id, request } = await requestWithSession(user.id);
    const post = new Request(request.url, { method: "POST", headers: request.headers });
    expect((await getOptionalUser(request))?.id).toBe(user.id);
    expect((await getOptionalUser(post))?.id).toBe(user.id);
    await deleteSession(db, id);
    // The page's other loader gets the answer the page began with…
    expect((await getOptionalUser(request))?.id).toBe(user.id);
    // …a new page does not, nor a form's action, which may have signed out before its page.
    expect(
      await getOptionalUser(new Request(request.url, { headers: request.headers })),
    ).toBeNull();
    expect(await getOptionalUser(post)).toBeNull();
  });

  it("are refused when the cookie is tampered with, before or after the real one was read", async () => {
    const user = (await authenticate(office.email, DEMO_PASSWORDS.office))!;
    const { id, request: real } = await requestWithSession(user.id);
    const value = real.headers.get("Cookie")!.split("=")[1]!;
    const signature = value.slice(value.lastIndexOf(".") + 1);
    const payload = Buffer.from(JSON.stringify(id)).toString("base64");
    const forgeries = [
      `jishi_session=${payload}.forged`,
      // The real signature with another character, and the real cookie with another id.
      `jishi_session=${payload}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`,
      `jishi_session=${Buffer.from(JSON.stringify(`${id}x`)).toString("base64")}.${signature}`,
    ];
    const withCookie = (cookie: string) =>
      new Request("http://localhost/manage", { headers: { Cookie: cookie } });
    for (const cookie of forgeries)
      await expect(requireUser(withCookie(cookie))).rejects.toMatchObject({ status: 302 });
    expect((await requireUser(real)).id).toBe(user.id);
    expect((await requireUser(new Request(real.url, { headers: real.headers }))).id).toBe(user.id);
    // A header too long to be kept is read each time, and works the same.
    const long = `${real.headers.get("Cookie")}; notes=${"x".repeat(2000)}`;
    for (let i = 0; i < 2; i++) expect((await requireUser(withCookie(long))).id).toBe(user.id);
    for (const cookie of forgeries)
      await expect(requireUser(withCookie(cookie))).rejects.toMatchObject({ status: 302 });
  });
});

describe("requireUser and requireRole", () => {
  it("send a visitor to log in, and come back afterwards", async () => {
    const thrown = await requireUser(new Request("http://localhost/manage?zone=2")).catch(
      (r: Response) => r,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe(
      "/login?redirectTo=%2Fmanage%3Fzone%3D2",
    );
  });

  it("answer 403 to a logged-in user without the role", async () => {
    const vendor = (await authenticate("vendor.wang@jishi.example", DEMO_PASSWORDS.vendor))!;
    const { request } = await requestWithSession(vendor.id);
    const thrown = await requireRole(request, "manager", "office").catch((r: Response) => r);
    expect((thrown as Response).status).toBe(403);
  });

  it("give a vendor their record, read with who is signed in, and anyone else a 403", async () => {
    const vendor = (await authenticate("vendor.wang@jishi.example", DEMO_PASSWORDS.vendor))!;
    const { request } = await requestWithSession(vendor.id, "/vendor");
    const { user, vendor: record } = await requireVendor(request);
    expect(user).toEqual(await getSessionUser(db, (await readSessionId(request))!, now));
    // The same record as read by the vendor's own query, field for field.
    expect(record).toEqual(await getVendorForUser(db, vendor.id));
    expect(Object.keys(user).sort()).toEqual(
      ["display_name", "email", "id", "phone", "phone_verified_at", "role"].sort(),
    );
    const office = (await authenticate(manager.email, DEMO_PASSWORDS.manager))!;
    const staff = (await requestWithSession(office.id, "/vendor")).request;
    expect(await requireVendor(staff).catch((r: Response) => r.status)).toBe(403);
  });

  it("let the right role through", async () => {
    const user = (await authenticate(manager.email, DEMO_PASSWORDS.manager))!;
    const { request } = await requestWithSession(user.id);
    expect((await requireRole(request, "manager", "office")).id).toBe(user.id);
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/manage", "/manage"],
    ["/markets?x=1", "/markets?x=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["", "/"],
    [null, "/"],
    // Browsers drop tab, CR and LF from URLs and read a backslash as a slash.
    ["/\t/evil.example", "/"],
    ["/\r/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["\t//evil.example", "/"],
    ["/\t\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/%5C/evil.example", "/%5C/evil.example"],
    ["/markets\r\nSet-Cookie: x=1", "/marketsSet-Cookie:%20x=1"],
    // Non-ASCII comes back percent-encoded, so it can stand in a Location header.
    ["/集市", "/%E9%9B%86%E5%B8%82"],
    ["/\u3000/evil.example", "/%E3%80%80/evil.example"],
    ["/markets?q=剪纸", "/markets?q=%E5%89%AA%E7%BA%B8"],
  ])("%j → %s", (to, expected) => {
    const safe = safeRedirect(to);
    expect(safe).toBe(expected);
    // Whatever comes back can be sent as a header and stays on this site.
    expect(() => new Headers({ Location: safe })).not.toThrow();
    expect(new URL(safe, "https://jishi.example").host).toBe("jishi.example");
  });
});
