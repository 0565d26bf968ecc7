import { describe, expect, it } from "vitest";
import { userIdByEmail } from "#db/testing/requests";
import { db } from "~/utils/db.server";
import { currentAnnouncements, postAnnouncement } from "./announcement.server";
import {
  completeFollowup,
  inspectionStanding,
  lastInspection,
  listInspections,
  recordInspection,
} from "./inspection.server";
import { listNotifications } from "./notification.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const ok = {
  extinguishers: "ok",
  fireLanes: "ok",
  electrical: "ok",
  hygiene: "ok",
  weights: "ok",
} as const;

async function zone(slug: string) {
  return (
    await db.selectFrom("zones").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()
  ).id;
}

describe("safety inspections", () => {
  it("record a result from the checklist, with follow-ups, and show what is due", async () => {
    const zoneId = await zone("longquan-park-evening");
    const manager = await userIdByEmail("manager.parks@jishi.example");
    expect((await inspectionStanding(db, [zoneId], "2026-11-28")).get(zoneId)).toMatchObject({
      state: "never",
    });
    const recorded = await recordInspection(
      db,
      {
        zoneId,
        userId: manager,
        localDate: "2026-11-20",
        sessionKey: null,
        checklist: { ...ok, fireLanes: "issue" },
        findings: "C 排北头有电动车停在消防通道上。",
        photos: [],
        followups: [{ action: "通道口加装隔离桩", dueOn: "2026-11-25" }],
      },
      now,
    );
    if (!recorded.ok) throw new Error("refused");
    const { id, result } = recorded;
    expect(result).toBe("fail");
    expect(await lastInspection(db, zoneId)).toEqual({ local_date: "2026-11-20", result: "fail" });
    expect((await inspectionStanding(db, [zoneId], "2026-11-28")).get(zoneId)).toEqual({
      state: "ok",
      dueOn: "2026-12-20",
      lateFollowups: 1,
    });
    const [inspection] = await listInspections(db, zoneId);
    expect(inspection!.id).toBe(id);
    const followup = inspection!.followups[0]!;
    expect(
      await completeFollowup(
        db,
        { followupId: followup.id, zoneId: zoneId + 1, userId: manager },
        now,
      ),
    ).toBe(false);
    expect(
      await completeFollowup(db, { followupId: followup.id, zoneId, userId: manager }, now),
    ).toBe(true);
    expect((await inspectionStanding(db, [zoneId], "2026-11-28")).get(zoneId)!.lateFollowups).toBe(
      0,
    );
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("zone_id", "=", zoneId)
      .where("action", "like", "inspection.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["inspection.recorded", "inspection.followupDone"]);
  });
});

describe("announcements", () => {
  it("show on the market while they concern the coming days and reach the vendors booked then", async () => {
    const zoneId = await zone("fuxin-community");
    const manager = await userIdByEmail("manager.longquan@jishi.example");
    const vendor = await db
      .selectFrom("vendors")
      .innerJoin("users", "users.id", "vendors.user_id")
      .select(["vendors.id", "vendors.user_id"])
      .where("users.phone", "=", "13800000011")
      .executeTakeFirstOrThrow();
    const stall = await db
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .select("stalls.id")
      .where("layouts.zone_id", "=", zoneId)
      .where("stalls.code", "=", "C-01")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("bookings")
      .values({
        zone_id: zoneId,
        stall_id: stall.id,
        vendor_id: vendor.id,
        local_date: "2026-12-05",
        session_key: "t1",
        starts_at: "2026-12-04T22:00:00.000Z",
        ends_at: "2026-12-05T01:00:00.000Z",
        status: "confirmed",
        fee_fen: 500,
        idempotency_key: "announce-test",
        created_at: "2026-11-28T00:00:00.000Z",
        updated_at: "2026-11-28T00:00:00.000Z",
      })
      .execute();
    const { told } = await postAnnouncement(
      db,
      {
        zoneId,
        userId: manager,
        kind: "weather",
        title: "大风预警：周六早市推迟到 7 点",
        body: "气象台发布大风蓝色预警，周六早市推迟一小时开市。",
        startsOn: "2026-12-05",
        endsOn: "2026-12-05",
      },
      now,
    );
    expect(told).toBe(1);
    expect((await listNotifications(db, vendor.user_id))[0]).toMatchObject({
      message_key: "inbox.announcement",
    });
    expect((await currentAnnouncements(db, zoneId, "2026-11-28")).map((a) => a.title)).toEqual([
      "大风预警：周六早市推迟到 7 点",
    ]);
    expect(await currentAnnouncements(db, zoneId, "2026-12-06")).toEqual([]);
  });
});
