// The access-control matrix: every route's loader and action, tried as each kind of person,
// against a table of who may use it. A route added without an entry here fails this test.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cookieForUser, testContext } from "#db/testing/requests";
import { createReport } from "~/models/report.server";
import { recordInspection } from "~/models/inspection.server";
import { db } from "~/utils/db.server";
import { saveUpload } from "~/utils/uploads.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const PERSONAS = [
  "anonymous",
  "vendorA",
  "vendorB",
  "pendingVendor",
  "suspendedVendor",
  "managerX",
  "managerY",
  "office",
  // A service counter's clerk, acting for no one, and acting for vendorA (the counter serves
  // Jidian and Longquan Park, not Fuxin).
  "clerk",
  "clerkActing",
] as const;
type Persona = (typeof PERSONAS)[number];

/** Who may use a route, by rule. managerX manages Fuxin; managerY does not. */
const RULES = {
  public: PERSONAS,
  signedIn: PERSONAS.filter((p) => p !== "anonymous"),
  vendor: ["vendorA", "vendorB", "pendingVendor", "suspendedVendor"],
  /** A vendor's page a counter may use for the vendor it acts for. */
  vendorOrCounter: ["vendorA", "vendorB", "pendingVendor", "suspendedVendor", "clerkActing"],
  ownOrReviewer: ["vendorA", "managerX", "managerY", "office", "clerkActing"],
  own: ["vendorA", "clerkActing"],
  counter: ["clerk", "clerkActing"],
  manager: ["managerX", "managerY", "office"],
  zoneManager: ["managerX", "office"],
  office: ["office"],
  nobody: [],
} satisfies Record<string, readonly Persona[]>;
type Rule = keyof typeof RULES;

interface Entry {
  /** The URL tried, with its parameters filled from the fixtures. */
  url: (f: Fixtures) => string;
  params: (f: Fixtures) => Record<string, string>;
  loader?: Rule;
  action?: Rule;
  /** For logging out, being sent to the login page is the point, not a refusal. */
  loginIsSuccess?: boolean;
  /** For logging in, a signed-in person is sent on to their own home page (a clerk's: /counter). */
  sendsHome?: boolean;
}

interface Fixtures {
  bookingId: number;
  documentId: number;
  reportId: number;
  reportCode: string;
  inspectionId: number;
  layoutId: number;
  pendingVendorId: number;
  vendorAId: number;
  calendarToken: string;
  /** A stall card's id at Fuxin ("<zone>-<code>"). */
  stallCard: string;
}

const p = (params: Record<string, string>) => () => params;
const FUXIN = "fuxin-community";
const DEMO_BALLOT = "b-chunjie-2026";

const TABLE: Record<string, Entry> = {
  "$.tsx": { url: () => "/no-such-page", params: p({ "*": "no-such-page" }), loader: "nobody" },
  "_index.tsx": { url: () => "/", params: p({}), loader: "public" },
  "account.password.tsx": {
    url: () => "/account/password",
    params: p({}),
    loader: "signedIn",
    action: "signedIn",
  },
  "account.phone.tsx": {
    url: () => "/account/phone",
    params: p({}),
    loader: "signedIn",
    action: "signedIn",
  },
  "book.$slug.tsx": {
    url: () => `/book/${FUXIN}`,
    params: p({ slug: FUXIN }),
    loader: "vendor",
    action: "vendor",
  },
  "book._index.tsx": { url: () => "/book", params: p({}), loader: "vendorOrCounter" },
  "counter._index.tsx": {
    url: () => "/counter",
    params: p({}),
    loader: "counter",
    action: "counter",
  },
  "calendar.$token.ts": {
    url: (f) => `/calendar/${f.calendarToken}.ics`,
    params: (f) => ({ token: `${f.calendarToken}.ics` }),
    loader: "public",
  },
  "documents.$id.tsx": {
    url: (f) => `/documents/${f.documentId}`,
    params: (f) => ({ id: String(f.documentId) }),
    loader: "ownOrReviewer",
  },
  "elder.tsx": { url: () => "/elder", params: p({}), loader: "public", action: "public" },
  "favicon[.]ico.ts": { url: () => "/favicon.ico", params: p({}), loader: "public" },
  "for-vendors.tsx": { url: () => "/for-vendors", params: p({}), loader: "public" },
  "forgot-password.tsx": {
    url: () => "/forgot-password",
    params: p({}),
    loader: "public",
    action: "public",
  },
  "healthz.ts": { url: () => "/healthz", params: p({}), loader: "public" },
  "join.tsx": { url: () => "/join", params: p({}), loader: "public", action: "public" },
  "language.tsx": { url: () => "/language", params: p({}), loader: "public", action: "public" },
  "layouts.$id.stalls[.]json.ts": {
    url: (f) => `/layouts/${f.layoutId}/stalls.json`,
    params: (f) => ({ id: String(f.layoutId) }),
    loader: "public",
  },
  "login.tsx": {
    url: () => "/login",
    params: p({}),
    loader: "public",
    action: "public",
    sendsHome: true,
  },
  "logout.tsx": {
    url: () => "/logout",
    params: p({}),
    loader: "public",
    action: "public",
    loginIsSuccess: true,
  },
  "manage._index.tsx": { url: () => "/manage", params: p({}), loader: "manager" },
  "manage.audit.tsx": { url: () => "/manage/audit", params: p({}), loader: "office" },
  "manage.integrity.tsx": {
    url: () => "/manage/integrity",
    params: p({}),
    loader: "manager",
    action: "manager",
  },
  "manage.check-in.$id.tsx": {
    url: (f) => `/manage/check-in/${f.bookingId}`,
    params: (f) => ({ id: String(f.bookingId) }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.figures.tsx": { url: () => "/manage/figures", params: p({}), loader: "manager" },
  "manage.figures[.]csv.ts": { url: () => "/manage/figures.csv", params: p({}), loader: "manager" },
  "manage.inspections.$id.photo.$n.ts": {
    url: (f) => `/manage/inspections/${f.inspectionId}/photo/0`,
    params: (f) => ({ id: String(f.inspectionId), n: "0" }),
    loader: "zoneManager",
  },
  "manage.layouts.$id.tsx": {
    url: (f) => `/manage/layouts/${f.layoutId}`,
    params: (f) => ({ id: String(f.layoutId) }),
    loader: "office",
    action: "office",
  },
  "manage.layouts._index.tsx": { url: () => "/manage/layouts", params: p({}), loader: "office" },
  "manage.reports.$id.tsx": {
    url: (f) => `/manage/reports/${f.reportId}`,
    params: (f) => ({ id: String(f.reportId) }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.reports.$id_.photo.ts": {
    url: (f) => `/manage/reports/${f.reportId}/photo`,
    params: (f) => ({ id: String(f.reportId) }),
    loader: "zoneManager",
  },
  "manage.reports._index.tsx": { url: () => "/manage/reports", params: p({}), loader: "manager" },
  "manage.staff.tsx": {
    url: () => "/manage/staff",
    params: p({}),
    loader: "office",
    action: "office",
  },
  "manage.vendors.$id.tsx": {
    url: (f) => `/manage/vendors/${f.pendingVendorId}`,
    params: (f) => ({ id: String(f.pendingVendorId) }),
    loader: "manager",
    action: "manager",
  },
  "manage.vendors._index.tsx": { url: () => "/manage/vendors", params: p({}), loader: "manager" },
  "manage.zones.$slug.tsx": {
    url: () => `/manage/zones/${FUXIN}`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.zones.$slug_.announcements.tsx": {
    url: () => `/manage/zones/${FUXIN}/announcements`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.zones.$slug_.ballots.tsx": {
    url: () => `/manage/zones/${FUXIN}/ballots`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.zones.$slug_.cards.tsx": {
    url: () => `/manage/zones/${FUXIN}/cards`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
  },
  "manage.zones.$slug_.day.tsx": {
    url: () => `/manage/zones/${FUXIN}/day`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.zones.$slug_.day_.sync.ts": {
    url: () => `/manage/zones/${FUXIN}/day/sync`,
    params: p({ slug: FUXIN }),
    action: "zoneManager",
  },
  "manage.zones.$slug_.inspections.tsx": {
    url: () => `/manage/zones/${FUXIN}/inspections`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "manage.zones.$slug_.layout.tsx": {
    url: () => `/manage/zones/${FUXIN}/layout`,
    params: p({ slug: FUXIN }),
    loader: "zoneManager",
    action: "zoneManager",
  },
  "markets.$slug.tsx": {
    url: () => `/markets/${FUXIN}`,
    params: p({ slug: FUXIN }),
    loader: "public",
  },
  "markets.$slug_.calendar[.]ics.ts": {
    url: () => `/markets/${FUXIN}/calendar.ics`,
    params: p({ slug: FUXIN }),
    loader: "public",
  },
  "markets.$slug_.poster.tsx": {
    url: () => `/markets/${FUXIN}/poster`,
    params: p({ slug: FUXIN }),
    loader: "public",
  },
  "markets.$slug_.report.tsx": {
    url: () => `/markets/${FUXIN}/report`,
    params: p({ slug: FUXIN }),
    loader: "public",
    action: "public",
  },
  "markets.$slug_.stalls[.]geojson.ts": {
    url: () => `/markets/${FUXIN}/stalls.geojson`,
    params: p({ slug: FUXIN }),
    loader: "public",
  },
  "markets._index.tsx": { url: () => "/markets", params: p({}), loader: "public" },
  "markets[.]geojson.ts": { url: () => "/markets.geojson", params: p({}), loader: "public" },
  "o.$id.tsx": {
    url: () => "/o/1",
    params: p({ id: "1" }),
    // Only a redirect to the bookings page, which asks for the vendor.
    loader: "public",
  },
  "s.$card.tsx": {
    url: (f) => `/s/${f.stallCard}`,
    params: (f) => ({ card: f.stallCard }),
    loader: "public",
  },
  "reports.$code.tsx": {
    url: (f) => `/reports/${f.reportCode}`,
    params: (f) => ({ code: f.reportCode }),
    loader: "public",
  },
  "reports._index.tsx": { url: () => "/reports", params: p({}), loader: "public" },
  "reset-password.$token.tsx": {
    url: () => "/reset-password/not-a-token",
    params: p({ token: "not-a-token" }),
    // The page says the link is no longer valid and offers a new one; nothing is changed.
    loader: "public",
    action: "public",
  },
  "reset-password.phone.tsx": {
    url: () => "/reset-password/phone",
    params: p({}),
    // Anyone may try a code; a wrong one changes nothing but the code's tries.
    loader: "public",
    action: "public",
  },
  "robots[.]txt.ts": { url: () => "/robots.txt", params: p({}), loader: "public" },
  "sitemap[.]xml.ts": { url: () => "/sitemap.xml", params: p({}), loader: "public" },
  "share[.]png.ts": { url: () => "/share.png", params: p({}), loader: "public" },
  "ballots.verify.tsx": { url: () => "/ballots/verify", params: p({}), loader: "public" },
  "ballots._index.tsx": { url: () => "/ballots", params: p({}), loader: "public" },
  // The demo's drawn ballot (db/demo): its page and its results file are public.
  "ballots.$id.tsx": {
    url: () => `/ballots/${DEMO_BALLOT}`,
    params: p({ id: DEMO_BALLOT }),
    loader: "public",
  },
  // A vendor's application (a counter for the vendor it acts for); this one has closed.
  "ballots.$id_.apply.tsx": {
    url: () => `/ballots/${DEMO_BALLOT}/apply`,
    params: p({ id: DEMO_BALLOT }),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "ballots.$id_.results[.]json.ts": {
    url: () => `/ballots/${DEMO_BALLOT}/results.json`,
    params: p({ id: DEMO_BALLOT }),
    loader: "public",
  },
  "markets.$slug_.share[.]png.ts": {
    url: () => `/markets/${FUXIN}/share.png`,
    params: p({ slug: FUXIN }),
    loader: "public",
  },
  "icons.$file.ts": {
    url: () => "/icons/192.png",
    params: p({ file: "192.png" }),
    loader: "public",
  },
  "manifest[.]webmanifest.ts": {
    url: () => "/manifest.webmanifest",
    params: p({}),
    loader: "public",
  },
  "search.tsx": { url: () => "/search?q=西红柿", params: p({}), loader: "public" },
  "verify-phone.tsx": {
    url: () => "/verify-phone",
    params: p({}),
    // Signed-in people whose number is proved are sent on to their page.
    loader: "signedIn",
    action: "signedIn",
  },
  "vendor._index.tsx": {
    url: () => "/vendor",
    params: p({}),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "vendor.bookings.tsx": {
    url: () => "/vendor/bookings",
    params: p({}),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "vendor.bookings_.$id.tsx": {
    url: (f) => `/vendor/bookings/${f.bookingId}`,
    params: (f) => ({ id: String(f.bookingId) }),
    loader: "own",
  },
  "vendor.documents.tsx": {
    url: () => "/vendor/documents",
    params: p({}),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "vendor.prices.tsx": {
    url: () => "/vendor/prices",
    params: p({}),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "vendor.integrity.tsx": {
    url: () => "/vendor/integrity",
    params: p({}),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "vendor.profile.tsx": {
    url: () => "/vendor/profile",
    params: p({}),
    loader: "vendorOrCounter",
    action: "vendorOrCounter",
  },
  "vendors.$id.tsx": {
    url: (f) => `/vendors/${f.vendorAId}`,
    params: (f) => ({ id: String(f.vendorAId) }),
    loader: "public",
  },
};

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a9a30000000049454e44ae426082",
  "hex",
);

async function userByPhoneOrEmail(key: string) {
  return db
    .selectFrom("users")
    .select("id")
    .where((eb) => eb.or([eb("phone", "=", key), eb("email", "=", key)]))
    .executeTakeFirstOrThrow();
}

async function setup() {
  const ids: Record<Exclude<Persona, "anonymous">, number> = {
    vendorA: (await userByPhoneOrEmail("vendor.wang@jishi.example")).id,
    vendorB: (await userByPhoneOrEmail("13800000002")).id,
    pendingVendor: (await userByPhoneOrEmail("vendor.pending@jishi.example")).id,
    suspendedVendor: (await userByPhoneOrEmail("13800000030")).id,
    managerX: (await userByPhoneOrEmail("manager.longquan@jishi.example")).id,
    managerY: (await userByPhoneOrEmail("manager.parks@jishi.example")).id,
    office: (await userByPhoneOrEmail("office@jishi.example")).id,
    clerk: (await userByPhoneOrEmail("counter.jidian@jishi.example")).id,
    clerkActing: (await userByPhoneOrEmail("counter.jidian@jishi.example")).id,
  };
  await db
    .updateTable("vendors")
    .set({ status: "suspended", suspended_until: "2099-12-31" })
    .where("user_id", "=", ids.suspendedVendor)
    .execute();
  const vendorA = await db
    .selectFrom("vendors")
    .select("id")
    .where("user_id", "=", ids.vendorA)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("vendors")
    .set({ calendar_token: "matrix-token-0123456789abcdef" })
    .where("id", "=", vendorA.id)
    .execute();
  const zone = await db
    .selectFrom("zones")
    .select("id")
    .where("slug", "=", FUXIN)
    .executeTakeFirstOrThrow();
  const stall = await db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .select(["stalls.id", "layouts.id as layout_id"])
    .where("layouts.zone_id", "=", zone.id)
    .where("layouts.status", "=", "approved")
    .where("stalls.code", "=", "A-03")
    .executeTakeFirstOrThrow();
  const booking = await db
    .insertInto("bookings")
    .values({
      zone_id: zone.id,
      stall_id: stall.id,
      vendor_id: vendorA.id,
      local_date: "2099-01-01",
      session_key: "t1",
      starts_at: "2098-12-31T22:00:00.000Z",
      ends_at: "2099-01-01T01:00:00.000Z",
      status: "confirmed",
      fee_fen: 500,
      idempotency_key: "matrix",
      created_at: "2026-11-28T00:00:00.000Z",
      updated_at: "2026-11-28T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const document = await db
    .selectFrom("documents")
    .select("id")
    .where("vendor_id", "=", vendorA.id)
    .executeTakeFirstOrThrow();
  const report = await createReport(
    db,
    {
      zoneId: zone.id,
      category: "hygiene",
      description: "matrix",
      photo: { name: await saveUpload(PNG, "png"), type: "image/png" },
      position: null,
      contact: null,
      userId: null,
    },
    now,
  );
  const inspection = await recordInspection(
    db,
    {
      zoneId: zone.id,
      userId: ids.managerX,
      localDate: "2026-11-27",
      sessionKey: null,
      checklist: {
        extinguishers: "ok",
        fireLanes: "ok",
        electrical: "ok",
        hygiene: "ok",
        weights: "ok",
      },
      findings: "",
      photos: [await saveUpload(PNG, "png")],
      followups: [],
    },
    now,
  );
  const pending = await db
    .selectFrom("vendors")
    .select("id")
    .where("user_id", "=", ids.pendingVendor)
    .executeTakeFirstOrThrow();
  // vendorA agreed that counters may act for them.
  await db
    .insertInto("counter_consents")
    .values({
      vendor_id: vendorA.id,
      clerk_user_id: ids.clerk,
      method: "signed_form",
      stored_name: null,
      content_type: null,
      created_at: "2026-11-28T00:00:00.000Z",
    })
    .execute();
  const fixtures: Fixtures = {
    bookingId: booking.id,
    documentId: document.id,
    reportId: report.id,
    reportCode: report.code,
    inspectionId: inspection.ok ? inspection.id : 0,
    layoutId: stall.layout_id,
    pendingVendorId: pending.id,
    vendorAId: vendorA.id,
    calendarToken: "matrix-token-0123456789abcdef",
    stallCard: `${zone.id}-A-03`,
  };
  return { ids, fixtures, vendorAId: vendorA.id };
}

/** Allowed unless sent to log in, forbidden, or told the thing is not there. */
function allowed(outcome: unknown, loginIsSuccess = false, sendsHome = false): boolean {
  const status =
    outcome instanceof Response
      ? outcome.status
      : ((outcome as { init?: { status?: number } } | null)?.init?.status ?? 200);
  const location = outcome instanceof Response ? (outcome.headers.get("Location") ?? "") : "";
  if (status === 403 || status === 404) return false;
  if (status >= 300 && status < 400 && location.startsWith("/login") && !loginIsSuccess)
    return false;
  // A vendor's page sends a clerk who acts for no one back to the counter.
  if (status >= 300 && status < 400 && location === "/counter" && !sendsHome) return false;
  return true;
}

describe("the access-control matrix", () => {
  it("has an entry for every route", () => {
    const routes = fs
      .readdirSync(path.join(process.cwd(), "app/routes"))
      .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
      .sort();
    expect(routes.filter((r) => !(r in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it("lets everyone do what the table says and nothing more", { timeout: 120_000 }, async () => {
    const { ids, fixtures, vendorAId } = await setup();
    const unexpected: string[] = [];
    for (const [file, entry] of Object.entries(TABLE)) {
      const mod = (await import(`./${file.replace(/\.tsx?$/, "")}`)) as {
        loader?: (args: unknown) => Promise<unknown>;
        action?: (args: unknown) => Promise<unknown>;
      };
      for (const kind of ["loader", "action"] as const) {
        const rule = entry[kind];
        const run = mod[kind];
        if (!run) {
          if (rule) unexpected.push(`${file} ${kind}: in the table but not in the route`);
          continue;
        }
        if (!rule) {
          unexpected.push(`${file} ${kind}: the route has one, the table has no rule`);
          continue;
        }
        for (const persona of PERSONAS) {
          const headers = new Headers();
          if (persona !== "anonymous") headers.set("Cookie", await cookieForUser(ids[persona]));
          if (persona === "clerkActing")
            await db
              .updateTable("sessions")
              .set({ acting_vendor_id: vendorAId })
              .where("user_id", "=", ids.clerk)
              .execute();
          const request = new Request(`http://localhost${entry.url(fixtures)}`, {
            method: kind === "loader" ? "GET" : "POST",
            headers,
            ...(kind === "action" ? { body: new URLSearchParams({}) } : {}),
          });
          let outcome: unknown;
          try {
            outcome = await run({ request, params: entry.params(fixtures), context: testContext });
          } catch (thrown) {
            if (!(thrown instanceof Response)) throw thrown;
            outcome = thrown;
          }
          const expected = (RULES[rule] as readonly Persona[]).includes(persona);
          if (allowed(outcome, entry.loginIsSuccess, entry.sendsHome) !== expected)
            unexpected.push(`${file} ${kind} as ${persona}: ${expected ? "refused" : "ALLOWED"}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });
});
