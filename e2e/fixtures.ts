// `login` puts a logged-in session cookie in a browser context, made straight through the
// models, so journeys that are not about logging in do not type a password every time.
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { createDb } from "../db/connect";
import { createSession } from "../app/models/session.server";
import { createApprovedVendor, createZoneLike } from "../db/testing/factories";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_SESSION_SECRET } from "./settings";

export const accounts = {
  office: "office@jishi.example",
  managerLongquan: "manager.longquan@jishi.example",
  managerParks: "manager.parks@jishi.example",
  /** 集店乡便民服务中心, a service counter booking at Jidian and Longquan Park. */
  counterJidian: "counter.jidian@jishi.example",
  vendor: "vendor.wang@jishi.example",
  pendingVendor: "vendor.pending@jishi.example",
  /** 老陈家时令蔬菜, a fresh-produce vendor who logs in by phone. */
  vendorChen: "13800000002",
  /** 杨家菌菇, another fresh-produce vendor. */
  vendorYang: "13800000007",
} as const;

type Account = keyof typeof accounts;

interface NewVendor {
  /** A display name of the journey's own, so that it can assert about this vendor alone. */
  name: string;
  category?: string;
}

type Fixtures = {
  /** Logs the test's own browser context in. */
  login: (account: Account) => Promise<void>;
  /** A second person in their own browser, logged in: a manager beside a vendor, say. */
  pageAs: (account: Account) => Promise<Page>;
  /**
   * A fresh approved vendor with their papers, made for this journey alone (so that journeys
   * running in parallel never share a vendor's bookings, quota or waiting list), logged in in
   * the test's own browser context.
   */
  loginNewVendor: (vendor: NewVendor) => Promise<{ vendorId: number; phone: string }>;
  /** The same, in a browser of their own. */
  newVendorPage: (vendor: NewVendor) => Promise<{ page: Page; vendorId: number; phone: string }>;
  /**
   * A market of the journey's own, laid out like a demo market (`like`) under the journey's
   * name, run by the given managers: what the journey changes or counts there is its alone.
   */
  newZone: (zone: NewZone) => Promise<{ slug: string; name: string; zoneId: number }>;
  /** A person the journey made itself (by factory), logged in in a browser of their own. */
  pageForUser: (userId: number) => Promise<Page>;
};

interface NewZone {
  like: string;
  name: string;
  managers: Account[];
}

export const test = base.extend<Fixtures>({
  loginNewVendor: async ({ context }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    await use(async ({ name, category = "fresh_produce" }) => {
      const vendor = await createApprovedVendor(db, category, { name });
      await signInUser(db, cookie, context, vendor.userId);
      return { vendorId: vendor.vendorId, phone: vendor.phone };
    });
    await db.destroy();
  },
  newVendorPage: async ({ browser, serviceWorkers }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    const contexts: BrowserContext[] = [];
    await use(async ({ name, category = "fresh_produce" }) => {
      const vendor = await createApprovedVendor(db, category, { name });
      const page = await pageSignedIn(browser, contexts, db, cookie, vendor.userId, serviceWorkers);
      return { page, vendorId: vendor.vendorId, phone: vendor.phone };
    });
    for (const context of contexts) await context.close();
    await db.destroy();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
  newZone: async ({}, use) => {
    const db = createDb(E2E_DATABASE_URL);
    await use(async ({ like, name, managers }) => {
      const managerUserIds = await Promise.all(managers.map((account) => userIdOf(db, account)));
      return createZoneLike(db, like, { name, managerUserIds });
    });
    await db.destroy();
  },
  login: async ({ context }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    await use(async (account) => signIn(db, cookie, context, account));
    await db.destroy();
  },
  pageForUser: async ({ browser, serviceWorkers }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    const contexts: BrowserContext[] = [];
    await use((userId) => pageSignedIn(browser, contexts, db, cookie, userId, serviceWorkers));
    for (const context of contexts) await context.close();
    await db.destroy();
  },
  pageAs: async ({ browser, serviceWorkers }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    const contexts: BrowserContext[] = [];
    await use(async (account) =>
      pageSignedIn(browser, contexts, db, cookie, await userIdOf(db, account), serviceWorkers),
    );
    for (const context of contexts) await context.close();
    await db.destroy();
  },
});

/**
 * A browser of the user's own (closed with the test's `contexts`), signed in, on a new page; the
 * app's service worker runs in it only where the journey lets it (playwright.config.ts).
 */
async function pageSignedIn(
  browser: Browser,
  contexts: BrowserContext[],
  db: ReturnType<typeof createDb>,
  cookie: ReturnType<typeof makeSessionCookie>,
  userId: number,
  serviceWorkers: "allow" | "block",
) {
  const context = await browser.newContext({ locale: "zh-CN", serviceWorkers });
  contexts.push(context);
  await signInUser(db, cookie, context, userId);
  return context.newPage();
}

async function signIn(
  db: ReturnType<typeof createDb>,
  cookie: ReturnType<typeof makeSessionCookie>,
  context: BrowserContext,
  account: Account,
) {
  await signInUser(db, cookie, context, await userIdOf(db, account));
}

async function userIdOf(db: ReturnType<typeof createDb>, account: Account) {
  const user = await db
    .selectFrom("users")
    .select("id")
    .where((eb) =>
      eb.or([eb("email", "=", accounts[account]), eb("phone", "=", accounts[account])]),
    )
    .executeTakeFirstOrThrow();
  return user.id;
}

export async function signInUser(
  db: ReturnType<typeof createDb>,
  cookie: ReturnType<typeof makeSessionCookie>,
  context: BrowserContext,
  userId: number,
) {
  const { id } = await createSession(db, {
    userId,
    userAgent: "playwright",
    now: new Date(),
  });
  const value = (await cookie.serialize(id)).split(";")[0]!.split("=").slice(1).join("=");
  await context.addCookies([
    { name: "jishi_session", value, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
}

export { expect };

/** A vendor books a stall from the booking page's list: chooses it, then confirms. */
export async function chooseAndBook(page: Page, code: string) {
  await page
    .getByRole("link", { name: `选 ${code}`, exact: true })
    .first()
    .click();
  await page.getByRole("button", { name: `确认预约 ${code}` }).click();
}
