// Fifty vendors press "book" on the same free stall at the same moment, through the real HTTP
// server: exactly one gets it, and the other 49 are told it was just taken. Twenty times over.
import { request as http, type APIRequestContext } from "@playwright/test";
import { createDb } from "../db/connect";
import {
  activeBookingsOf,
  createApprovedVendor,
  stallsTaking,
  templateKey,
} from "../db/testing/factories";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { addDays } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { expect, test } from "./fixtures";
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_SESSION_SECRET } from "./settings";

const VENDORS_PER_ROUND = 50;
const ROUNDS = 20;
const ZONE = "fuxin-community";

test("fifty simultaneous bookings of one stall-session: one confirmed, forty-nine refused", async () => {
  // A thousand vendors are made first: on two busy cores beside the other journeys that alone
  // can take a minute and more.
  test.setTimeout(240_000);
  const db = createDb(E2E_DATABASE_URL);
  const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
  const contexts: APIRequestContext[] = [];
  try {
    const stalls = (await stallsTaking(db, ZONE, "fresh_produce")).slice(-ROUNDS);
    const morning = await templateKey(db, ZONE, "morning");
    // Three days ahead: inside the 14-day window and long before it closes, whatever the hour.
    const date = addDays(localMoment(new Date(), "Asia/Shanghai").date, 3);

    for (const [round, stall] of stalls.entries()) {
      const clients: APIRequestContext[] = [];
      for (let i = 0; i < VENDORS_PER_ROUND; i++) {
        const { userId } = await createApprovedVendor(db);
        const { id } = await createSession(db, {
          userId,
          userAgent: "contention",
          now: new Date(),
        });
        const client = await http.newContext({
          baseURL: E2E_BASE_URL,
          extraHTTPHeaders: { Cookie: (await cookie.serialize(id)).split(";")[0]! },
        });
        clients.push(client);
        contexts.push(client);
      }
      const answers = await Promise.all(
        clients.map((client, i) =>
          client.post(`/book/${ZONE}`, {
            form: {
              stallId: String(stall.id),
              localDate: date,
              sessionKey: morning,
              key: `contention-${round}-${i}`,
            },
            maxRedirects: 0,
          }),
        ),
      );
      const statuses = answers.map((a) => a.status());
      expect(
        statuses.filter((s) => s === 302),
        `round ${round}`,
      ).toHaveLength(1);
      expect(
        statuses.filter((s) => s === 409),
        `round ${round}`,
      ).toHaveLength(VENDORS_PER_ROUND - 1);
      for (const answer of answers.filter((a) => a.status() === 409)) {
        expect(await answer.text()).toContain("这个摊位刚刚被别人预约了。");
      }
      const active = await activeBookingsOf(db, {
        stallId: stall.id,
        localDate: date,
        sessionKey: morning,
      });
      expect(active, `round ${round}`).toHaveLength(1);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
    await db.destroy();
  }
});
