// `login` puts a logged-in session cookie in a browser context, made straight through the
// models, so journeys that are not about logging in do not type a password every time.
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { createDb } from "../db/connect";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_SESSION_SECRET } from "./settings";

export const accounts = {
  office: "office@jishi.example",
  managerLongquan: "manager.longquan@jishi.example",
  managerParks: "manager.parks@jishi.example",
  vendor: "vendor.wang@jishi.example",
  pendingVendor: "vendor.pending@jishi.example",
  /** 老陈家时令蔬菜, a fresh-produce vendor who logs in by phone. */
  vendorChen: "13800000002",
  /** 杨家菌菇, another fresh-produce vendor. */
  vendorYang: "13800000007",
  /** 韩记冷鲜肉, whose profile a journey edits. */
  vendorHan: "13800000010",
} as const;

type Account = keyof typeof accounts;

type Fixtures = {
  /** Logs the test's own browser context in. */
  login: (account: Account) => Promise<void>;
  /** A second person in their own browser, logged in: a manager beside a vendor, say. */
  pageAs: (account: Account) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  login: async ({ context }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    await use(async (account) => signIn(db, cookie, context, account));
    await db.destroy();
  },
  pageAs: async ({ browser }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    const contexts: BrowserContext[] = [];
    await use(async (account) => {
      const context = await browser.newContext({ locale: "zh-CN" });
      contexts.push(context);
      await signIn(db, cookie, context, account);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
    await db.destroy();
  },
});

async function signIn(
  db: ReturnType<typeof createDb>,
  cookie: ReturnType<typeof makeSessionCookie>,
  context: BrowserContext,
  account: Account,
) {
  const user = await db
    .selectFrom("users")
    .select("id")
    .where((eb) =>
      eb.or([eb("email", "=", accounts[account]), eb("phone", "=", accounts[account])]),
    )
    .executeTakeFirstOrThrow();
  const { id } = await createSession(db, {
    userId: user.id,
    userAgent: "playwright",
    now: new Date(),
  });
  const value = (await cookie.serialize(id)).split(";")[0]!.split("=").slice(1).join("=");
  await context.addCookies([
    { name: "jishi_session", value, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
}

export { expect };
