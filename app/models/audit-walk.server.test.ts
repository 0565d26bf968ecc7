// Every change a manager or the county office can make leaves its row in the audit log, written
// with the change. One walk through all of them, each checked for exactly the row it must add.
import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { userIdByEmail } from "#db/testing/requests";
import { DEFAULT_BOOKING_SETTINGS } from "~/domain/booking-rules";
import { DEFAULT_LAYOUT_RULES } from "~/domain/layout-checks";
import { db } from "~/utils/db.server";
import { postAnnouncement } from "./announcement.server";
import { bookStall, newIdempotencyKey } from "./booking.server";
import {
  completeFollowup,
  listInspections,
  recordInspection,
  setInspectionInterval,
} from "./inspection.server";
import {
  approveLayout,
  loadLayoutDocument,
  returnLayout,
  saveDraft,
  saveLayoutRules,
  startDraft,
  submitLayout,
} from "./layout.server";
import {
  assignWalkUp,
  checkIn,
  confirmBooking,
  declineBooking,
  markNoShow,
  recordFee,
} from "./market-day.server";
import { actOnReport, createReport } from "./report.server";
import { createManager, setManagerZones } from "./staff.server";
import { decideVendor } from "./vendor-review.server";
import {
  addClosure,
  addEvent,
  addTemplate,
  removeClosure,
  removeEvent,
  removeTemplate,
  saveBookingSettings,
} from "./zone-schedule.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const ZONE = "chengdong-street-morning";

async function rows() {
  return db
    .selectFrom("audit_log")
    .select(["id", "action", "actor_user_id"])
    .orderBy("id")
    .execute();
}

/** Runs `change` and returns the audit rows it added. */
async function added(change: () => Promise<unknown>) {
  const before = (await rows()).at(-1)?.id ?? 0;
  const result = await change();
  return { result, rows: (await rows()).filter((r) => r.id > before) };
}

describe("the audit trail", () => {
  it("holds a row for every manager and office action, with who made it", async () => {
    const manager = await userIdByEmail("manager.parks@jishi.example");
    const office = await userIdByEmail("office@jishi.example");
    const zoneId = (
      await db.selectFrom("zones").select("id").where("slug", "=", ZONE).executeTakeFirstOrThrow()
    ).id;
    const actor = { zoneId, actorUserId: manager, now: new Date("2026-11-28T00:00:00Z") };
    const morning = await templateKey(db, ZONE, "morning");
    const stalls = await stallsTaking(db, ZONE, "fresh_produce");
    const booked = async (i: number, localDate: string) => {
      const vendor = await createApprovedVendor(db);
      const r = await bookStall(
        db,
        {
          vendorId: vendor.vendorId,
          stallId: stalls[i]!.id,
          localDate,
          sessionKey: morning,
          idempotencyKey: newIdempotencyKey(),
        },
        new Date("2026-11-28T00:00:00Z"),
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.booking.id;
    };
    const pending = async (i: number) => {
      const id = await booked(i, "2026-12-02");
      await db.updateTable("bookings").set({ status: "pending" }).where("id", "=", id).execute();
      return id;
    };
    const session = { localDate: "2026-12-01", start: new Date("2026-11-30T21:30:00Z") };
    const pendingVendor = await db
      .selectFrom("vendors")
      .select("id")
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    const approvedVendor = (await createApprovedVendor(db)).vendorId;

    const walk: [string, () => Promise<unknown>][] = [
      // Vendors
      [
        "vendor.requestChanges",
        () =>
          decideVendor(
            db,
            {
              vendorId: pendingVendor.id,
              actorUserId: manager,
              decision: "requestChanges",
              reason: "健康证照片看不清",
              until: null,
            },
            now,
          ),
      ],
      [
        "vendor.suspend",
        () =>
          decideVendor(
            db,
            {
              vendorId: approvedVendor,
              actorUserId: manager,
              decision: "suspend",
              reason: "多次占用消防通道",
              until: "2026-12-31",
            },
            now,
          ),
      ],
      [
        "vendor.lift",
        () =>
          decideVendor(
            db,
            {
              vendorId: approvedVendor,
              actorUserId: office,
              decision: "lift",
              reason: null,
              until: null,
            },
            now,
          ),
      ],
      // The zone's schedule and rules
      [
        "zone.template_added",
        () =>
          addTemplate(db, actor, {
            kind: "evening",
            weekdays: "6",
            startTime: "18:00",
            endTime: "20:00",
          }),
      ],
      [
        "zone.template_removed",
        async () => {
          const t = await db
            .selectFrom("session_templates")
            .select("id")
            .where("zone_id", "=", zoneId)
            .where("kind", "=", "evening")
            .executeTakeFirstOrThrow();
          return removeTemplate(db, actor, t.id);
        },
      ],
      [
        "zone.closure_added",
        () =>
          addClosure(db, actor, {
            startsOn: "2026-12-20",
            endsOn: "2026-12-20",
            reason: "道路施工",
          }),
      ],
      [
        "zone.closure_removed",
        async () => {
          const c = await db
            .selectFrom("closures")
            .select("id")
            .where("zone_id", "=", zoneId)
            .executeTakeFirstOrThrow();
          return removeClosure(db, actor, c.id);
        },
      ],
      [
        "zone.event_added",
        () =>
          addEvent(db, actor, {
            localDate: "2026-12-12",
            startTime: "09:00",
            endTime: "12:00",
            titleZh: "年货节",
            titleEn: "New Year goods fair",
          }),
      ],
      [
        "zone.event_removed",
        async () => {
          const e = await db
            .selectFrom("market_events")
            .select("id")
            .where("zone_id", "=", zoneId)
            .executeTakeFirstOrThrow();
          return removeEvent(db, actor, e.id);
        },
      ],
      [
        "zone.settings_changed",
        () => saveBookingSettings(db, actor, { ...DEFAULT_BOOKING_SETTINGS, weeklyQuota: 5 }),
      ],
      // The market day
      [
        "booking.checkIn",
        async () =>
          checkIn(db, {
            zoneId,
            bookingId: await booked(0, session.localDate),
            actorUserId: manager,
            now: new Date("2026-11-30T21:40:00Z"),
          }),
      ],
      [
        "booking.fee_recorded",
        async () => {
          const b = await db
            .selectFrom("bookings")
            .select("id")
            .where("status", "=", "checked_in")
            .where("zone_id", "=", zoneId)
            .executeTakeFirstOrThrow();
          return recordFee(db, { zoneId, bookingId: b.id, actorUserId: manager, now }, 300);
        },
      ],
      [
        "booking.noShow",
        async () =>
          markNoShow(db, {
            zoneId,
            bookingId: await booked(1, session.localDate),
            actorUserId: manager,
            now: new Date("2026-11-30T22:10:00Z"),
          }),
      ],
      [
        "booking.confirm",
        async () =>
          confirmBooking(db, { zoneId, bookingId: await pending(2), actorUserId: manager, now }),
      ],
      [
        "booking.decline",
        async () =>
          declineBooking(db, { zoneId, bookingId: await pending(3), actorUserId: manager, now }),
      ],
      [
        "booking.walk_up",
        () =>
          assignWalkUp(
            db,
            {
              zoneId,
              stallId: stalls[4]!.id,
              identifier: "13800000003",
              localDate: session.localDate,
              sessionKey: morning,
              startsAt: "2026-11-30T21:30:00.000Z",
              endsAt: "2026-12-01T00:30:00.000Z",
              actorUserId: manager,
              timeZone: "Asia/Shanghai",
            },
            new Date("2026-11-30T21:45:00Z"),
          ),
      ],
      // Layouts
      [
        "layout.rules",
        () => saveLayoutRules(db, { zoneId, userId: manager, rules: DEFAULT_LAYOUT_RULES }, now),
      ],
      ["layout.drafted", () => startDraft(db, { zoneId, userId: manager }, now)],
      [
        "layout.saved",
        async () => {
          const draft = await startDraft(db, { zoneId, userId: manager }, now);
          return saveDraft(
            db,
            {
              layoutId: draft.id,
              zoneId,
              userId: manager,
              document: (await loadLayoutDocument(db, draft.id))!,
            },
            now,
          );
        },
      ],
      [
        "layout.submitted",
        async () =>
          submitLayout(
            db,
            {
              layoutId: (await startDraft(db, { zoneId, userId: manager }, now)).id,
              zoneId,
              userId: manager,
            },
            now,
          ),
      ],
      [
        "layout.returned",
        async () => {
          const l = await db
            .selectFrom("layouts")
            .select("id")
            .where("zone_id", "=", zoneId)
            .where("status", "=", "submitted")
            .executeTakeFirstOrThrow();
          return returnLayout(db, { layoutId: l.id, userId: office, comment: "出口标注不清" }, now);
        },
      ],
      [
        "layout.approved",
        async () => {
          // The version sent back becomes a draft again when saved, and is submitted again.
          const draft = await startDraft(db, { zoneId, userId: manager }, now);
          const document = (await loadLayoutDocument(db, draft.id))!;
          await saveDraft(db, { layoutId: draft.id, zoneId, userId: manager, document }, now);
          await submitLayout(db, { layoutId: draft.id, zoneId, userId: manager }, now);
          return approveLayout(db, { layoutId: draft.id, userId: office }, now);
        },
      ],
      // Reports
      [
        "report.assign",
        async () => {
          const r = await createReport(
            db,
            {
              zoneId,
              category: "noise",
              description: "喇叭太吵",
              photo: null,
              position: null,
              contact: null,
              userId: null,
            },
            now,
          );
          return actOnReport(
            db,
            {
              reportId: r.id,
              userId: manager,
              action: { kind: "assign", assigneeId: manager },
            },
            now,
          );
        },
      ],
      [
        "report.start",
        async () => {
          const r = await db
            .selectFrom("problem_reports")
            .select("id")
            .where("zone_id", "=", zoneId)
            .executeTakeFirstOrThrow();
          return actOnReport(
            db,
            { reportId: r.id, userId: manager, action: { kind: "start" } },
            now,
          );
        },
      ],
      [
        "report.resolve",
        async () => {
          const r = await db
            .selectFrom("problem_reports")
            .select("id")
            .where("zone_id", "=", zoneId)
            .executeTakeFirstOrThrow();
          return actOnReport(
            db,
            {
              reportId: r.id,
              userId: manager,
              action: { kind: "resolve", reply: "已提醒商户调小音量" },
            },
            now,
          );
        },
      ],
      [
        "report.close",
        async () => {
          const r = await createReport(
            db,
            {
              zoneId,
              category: "other",
              description: "重复反映",
              photo: null,
              position: null,
              contact: null,
              userId: null,
            },
            now,
          );
          return actOnReport(
            db,
            {
              reportId: r.id,
              userId: office,
              action: { kind: "close", reply: "与前一条相同" },
            },
            now,
          );
        },
      ],
      // Inspections and announcements
      [
        "inspection.recorded",
        () =>
          recordInspection(
            db,
            {
              zoneId,
              userId: manager,
              localDate: "2026-11-27",
              sessionKey: null,
              checklist: {
                extinguishers: "ok",
                fireLanes: "ok",
                electrical: "ok",
                hygiene: "issue",
                weights: "ok",
              },
              findings: "垃圾桶满了",
              photos: [],
              followups: [{ action: "加一个垃圾桶", dueOn: "2026-12-05" }],
            },
            now,
          ),
      ],
      [
        "inspection.followupDone",
        async () => {
          const [i] = await listInspections(db, zoneId);
          return completeFollowup(
            db,
            { followupId: i!.followups[0]!.id, zoneId, userId: manager },
            now,
          );
        },
      ],
      [
        "inspection.interval",
        () => setInspectionInterval(db, { zoneId, userId: manager, days: 14 }, now),
      ],
      [
        "announcement.posted",
        () =>
          postAnnouncement(
            db,
            {
              zoneId,
              userId: manager,
              kind: "notice",
              title: "新摊位图已启用",
              body: "请按新编号找摊位。",
              startsOn: "2026-12-01",
              endsOn: "2026-12-07",
            },
            now,
          ),
      ],
      // Staff
      [
        "user.manager_created",
        () =>
          createManager(
            db,
            {
              displayName: "刘晓燕",
              phone: "13900000099",
              email: null,
              zoneIds: [zoneId],
              actorUserId: office,
            },
            now,
          ),
      ],
      [
        "user.manager_zones_changed",
        async () => {
          const m = await db
            .selectFrom("users")
            .select("id")
            .where("phone", "=", "13900000099")
            .executeTakeFirstOrThrow();
          return setManagerZones(db, { managerId: m.id, zoneIds: [], actorUserId: office }, now);
        },
      ],
    ];

    const missing: string[] = [];
    for (const [action, change] of walk) {
      const { rows: new_, result } = await added(change);
      const mine = new_.filter((r) => r.action === action);
      if (mine.length === 0 || mine.some((r) => r.actor_user_id === null))
        missing.push(`${action} ${JSON.stringify(result).slice(0, 120)}`);
    }
    expect(missing).toEqual([]);
    // Nothing in the log is ever changed: it only grows.
    const all = await rows();
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => a - b));
  });
});
