// SQLite that takes no writes (a read-only file, a full disk): pages that only read keep
// working; a page that writes answers 503 with Retry-After, once guarded as the server guards
// every route (app/utils/database-faults.server.ts); /healthz says 503.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { cookieForUser, requestAs, settle, testContext } from "#db/testing/requests";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { TEST_ON_POSTGRES } from "#db/testing/postgres";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { db } from "~/utils/db.server";
import { guarded } from "~/utils/database-faults.server";
import { action as book } from "./book.$slug";
import { loader as healthz } from "./healthz";
import { loader as market } from "./markets.$slug";

const ZONE = "fuxin-community";

describe.runIf(!TEST_ON_POSTGRES)("a database that takes no writes", () => {
  it("still shows a market, refuses a booking with 503, and says so at /healthz", async () => {
    const [stall] = await stallsTaking(db, ZONE, "fresh_produce");
    const form = new URLSearchParams({
      stallId: String(stall!.id),
      localDate: addDays(localMoment(new Date(), "Asia/Shanghai").date, 2),
      sessionKey: await templateKey(db, ZONE, "morning"),
      key: "read-only-database-1",
    });
    const cookie = await cookieForUser((await createApprovedVendor(db)).userId);
    const bookingRequest = () =>
      new Request(`http://localhost/book/${ZONE}`, {
        method: "POST",
        body: form,
        headers: { Cookie: cookie },
      });
    // What SQLite says of a read-only file: SQLITE_READONLY on the first write.
    await sql`pragma query_only = 1`.execute(db);
    try {
      const page = await market({
        request: await requestAs(null, `/markets/${ZONE}`),
        params: { slug: ZONE },
        context: testContext,
      });
      expect(page).toMatchObject({ zone: expect.anything() });

      const refused = (await settle(() =>
        guarded(book)({ request: bookingRequest(), params: { slug: ZONE }, context: testContext }),
      )) as Response;
      expect(refused.status).toBe(503);
      expect(refused.headers.get("Retry-After")).toBe("5");

      expect((await healthz()).status).toBe(503);
    } finally {
      await sql`pragma query_only = 0`.execute(db);
    }
    // Writable again: the same form books, and nothing of the refused try was kept.
    const again = await settle(() =>
      book({ request: bookingRequest(), params: { slug: ZONE }, context: testContext }),
    );
    expect((again as Response).status).toBe(302);
  });
});
