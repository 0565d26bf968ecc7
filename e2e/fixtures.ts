// `login` puts a logged-in session cookie in the browser, made straight through the models,
// so journeys that are not about logging in do not type a password every time.
import { test as base, expect } from "@playwright/test";
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
} as const;

type Fixtures = { login: (account: keyof typeof accounts) => Promise<void> };

export const test = base.extend<Fixtures>({
  login: async ({ context }, use) => {
    const db = createDb(E2E_DATABASE_URL);
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    const sessionIds: string[] = [];
    await use(async (account) => {
      const user = await db
        .selectFrom("users")
        .select("id")
        .where("email", "=", accounts[account])
        .executeTakeFirstOrThrow();
      const { id } = await createSession(db, { userId: user.id, userAgent: "playwright" });
      sessionIds.push(id);
      const value = (await cookie.serialize(id)).split(";")[0]!.split("=").slice(1).join("=");
      await context.addCookies([
        { name: "jishi_session", value, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
      ]);
    });
    if (sessionIds.length) await db.deleteFrom("sessions").where("id", "in", sessionIds).execute();
    await db.destroy();
  },
});

export { expect };
