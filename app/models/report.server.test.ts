import { describe, expect, it } from "vitest";
import { userIdByEmail } from "#db/testing/requests";
import { db } from "~/utils/db.server";
import { listNotifications } from "./notification.server";
import { actOnReport, createReport, getPublicReport, publicReportFigures } from "./report.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const at = (iso: string) => new Date(iso);

async function zone(slug: string) {
  return (
    await db.selectFrom("zones").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()
  ).id;
}

describe("problem reports", () => {
  it("are received with a code and a 48-hour due time, and the zone's managers are told", async () => {
    const zoneId = await zone("fuxin-community");
    const report = await createReport(
      db,
      {
        zoneId,
        category: "blocked_passage",
        description: "消防通道被三轮车堵住了",
        photo: null,
        position: null,
        contact: "13700000000",
        userId: null,
      },
      at("2026-11-28T01:00:00Z"),
    );
    expect(report.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const shown = await getPublicReport(db, report.code.toLowerCase());
    expect(shown).toMatchObject({ status: "received", due_at: "2026-11-30T01:00:00.000Z" });
    expect(JSON.stringify(shown)).not.toContain("13700000000");
    const manager = await userIdByEmail("manager.longquan@jishi.example");
    expect((await listNotifications(db, manager))[0]).toMatchObject({
      message_key: "inbox.reportReceived",
      link: `/manage/reports/${report.id}`,
    });
  });

  it("move through assigned, in progress and resolved, each step audited; a finished one is not reopened", async () => {
    const zoneId = await zone("shuita-community");
    const manager = await userIdByEmail("manager.longquan@jishi.example");
    const stranger = await userIdByEmail("manager.parks@jishi.example");
    const { id, code } = await createReport(
      db,
      {
        zoneId,
        category: "hygiene",
        description: "垃圾没有清运",
        photo: null,
        position: null,
        contact: null,
        userId: null,
      },
      at("2026-11-28T01:00:00Z"),
    );
    // Only a manager of the zone can be assigned.
    expect(
      await actOnReport(
        db,
        {
          reportId: id,
          userId: manager,
          action: { kind: "assign", assigneeId: stranger },
        },
        now,
      ),
    ).toBe(false);
    expect(
      await actOnReport(
        db,
        {
          reportId: id,
          userId: manager,
          action: { kind: "assign", assigneeId: manager },
        },
        now,
      ),
    ).toBe(true);
    expect(
      await actOnReport(db, { reportId: id, userId: manager, action: { kind: "start" } }, now),
    ).toBe(true);
    expect(
      await actOnReport(
        db,
        {
          reportId: id,
          userId: manager,
          action: { kind: "resolve", reply: "已联系环卫，当天清运。" },
        },
        at("2026-11-28T07:00:00Z"),
      ),
    ).toBe(true);
    expect(
      await actOnReport(
        db,
        {
          reportId: id,
          userId: manager,
          action: { kind: "close", reply: "x" },
        },
        now,
      ),
    ).toBe(false);
    expect(await getPublicReport(db, code)).toMatchObject({
      status: "resolved",
      reply: "已联系环卫，当天清运。",
      finished_at: "2026-11-28T07:00:00.000Z",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "report")
      .where("entity_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["report.assign", "report.start", "report.resolve"]);
  });

  it("make the public figures: received, closure rate and median hours, per market and county", async () => {
    const zoneId = await zone("chengbei-civilisation");
    const manager = await userIdByEmail("manager.longquan@jishi.example");
    const now = at("2026-11-28T12:00:00Z");
    const make = async (
      hoursAgo: number,
      took: number | null,
      kind: "resolve" | "close" = "resolve",
    ) => {
      const created = new Date(now.getTime() - hoursAgo * 3_600_000);
      const { id } = await createReport(
        db,
        {
          zoneId,
          category: "noise",
          description: "夜里音响太吵",
          photo: null,
          position: null,
          contact: null,
          userId: null,
        },
        created,
      );
      if (took !== null)
        await actOnReport(
          db,
          { reportId: id, userId: manager, action: { kind, reply: "已处理" } },
          new Date(created.getTime() + took * 3_600_000),
        );
    };
    await make(10, 2);
    await make(20, 4, "close");
    await make(30, 12);
    await make(70, null); // open, overdue
    const figures = await publicReportFigures(db, zoneId, now);
    expect(figures.days30).toMatchObject({
      received: 4,
      finished: 3,
      closureRate: 0.75,
      medianHours: 4,
      overdue: 1,
      byCategory: [{ category: "noise", received: 4, finished: 3 }],
    });
    const county = await publicReportFigures(db, null, now);
    expect(county.days30.received).toBeGreaterThanOrEqual(4);
  });
});
