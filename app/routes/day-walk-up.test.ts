// A walk-up sent from the day sheet carries a key made on the phone: sent twice (an answer lost
// on a weak network, then the phone's sync sending it again) it makes one booking.
import { describe, expect, it } from "vitest";
import { createApprovedVendor, createZoneLike, stallsTaking } from "#db/testing/factories";
import { requestAs, settle, testContext, userIdByEmail } from "#db/testing/requests";
import { db } from "~/utils/db.server";
import { syncDayActions } from "~/models/day-sync.server";
import { sessionRunningNow } from "../../e2e/running-session";
import { action } from "./manage.zones.$slug_.day";

const MANAGER = "manager.longquan@jishi.example";

describe("a walk-up from the day sheet", () => {
  it("is made once under its key, by the form or by a sync", async () => {
    const manager = await userIdByEmail(MANAGER);
    const zone = await createZoneLike(db, "fuxin-community", {
      name: "现场安排测试市场",
      managerUserIds: [manager],
    });
    const running = await sessionRunningNow(db, zone.zoneId);
    const stall = (await stallsTaking(db, zone.slug, "fresh_produce"))[0]!;
    const vendor = await createApprovedVendor(db);
    const key = "walk-up-form-key-0001";
    const post = async () =>
      settle(async () =>
        action({
          request: await requestAs(MANAGER, `/manage/zones/${zone.slug}/day`, {
            method: "POST",
            body: new URLSearchParams({
              intent: "walkUp",
              session: running.value,
              stallId: String(stall.id),
              identifier: vendor.phone,
              key,
            }),
          }),
          params: { slug: zone.slug },
          context: testContext,
        }),
      );
    for (let i = 0; i < 2; i++) expect((await post()) as Response).toHaveProperty("status", 302);
    const made = await db
      .selectFrom("bookings")
      .select(["id", "status", "idempotency_key"])
      .where("vendor_id", "=", vendor.vendorId)
      .execute();
    expect(made).toEqual([{ id: made[0]!.id, status: "checked_in", idempotency_key: key }]);
    const [synced] = await syncDayActions(
      db,
      { zoneId: zone.zoneId, userId: manager, timeZone: "Asia/Shanghai" },
      [
        {
          key,
          kind: "walkUp",
          stallId: stall.id,
          identifier: vendor.phone,
          session: running.value,
          recordedAt: new Date().toISOString(),
        },
      ],
      new Date(),
    );
    expect(synced).toEqual({ key, outcome: "already", bookingId: made[0]!.id });
  });
});
