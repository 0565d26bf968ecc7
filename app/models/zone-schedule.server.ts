// A zone's schedule and booking settings, changed by its managers. Every change is audited in
// its own transaction; bookings a change removes are cancelled without penalty and the vendors
// concerned are told.
import type { Kysely, Transaction } from "kysely";
import type { Database, SessionKind } from "#db/schema";
import type { BookingSettings } from "~/domain/booking-rules";
import type { MessageKey } from "~/locales/zh-CN";
import { writeAudit } from "./audit.server";
import { ACTIVE, cancelByMarket } from "./booking.server";
import { notify } from "./notification.server";
import { topicOf } from "./outbox.server";
import { getBookingSettings } from "./zone-calendar.server";
import { inTransaction } from "#db/transaction";

interface Actor {
  zoneId: number;
  actorUserId: number;
  now: Date;
}

/**
 * Cancels the active bookings a query selects, free of charge, and tells each vendor why, in
 * the inbox and by SMS at once; `topic` names the change for the manager's list of who was told.
 */
async function cancelForSchedule(
  trx: Transaction<Database>,
  bookingIds: number[],
  reason: string,
  messageKey: MessageKey,
  topic: string,
  now: Date,
) {
  if (bookingIds.length === 0) return 0;
  const bookings = await trx
    .selectFrom("bookings")
    .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
    .innerJoin("zones", "zones.id", "bookings.zone_id")
    .innerJoin("stalls", "stalls.id", "bookings.stall_id")
    .select([
      "bookings.id",
      "bookings.local_date",
      "vendors.user_id",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "stalls.code",
    ])
    .where("bookings.id", "in", bookingIds)
    .execute();
  await cancelByMarket(trx, bookingIds, reason, now);
  for (const b of bookings) {
    await notify(trx, {
      userId: b.user_id,
      kind: "booking.cancelled_by_market",
      messageKey,
      params: { market: b.name_zh, marketEn: b.name_en, date: b.local_date, stall: b.code, reason },
      link: "/vendor/bookings",
      sms: {
        kind: messageKey === "inbox.closureCancelled" ? "session_closed" : "booking_cancelled",
        timeZone: b.time_zone,
        topic,
      },
      now,
    });
  }
  return bookings.length;
}

export async function addClosure(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  closure: { startsOn: string; endsOn: string; reason: string },
): Promise<{ cancelled: number }> {
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto("closures")
      .values({
        zone_id: zoneId,
        starts_on: closure.startsOn,
        ends_on: closure.endsOn,
        reason: closure.reason,
        created_by: actorUserId,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A closure removes the regular sessions of those days; one-off events stay.
    const affected = await trx
      .selectFrom("bookings")
      .select("id")
      .where("zone_id", "=", zoneId)
      .where("local_date", ">=", closure.startsOn)
      .where("local_date", "<=", closure.endsOn)
      .where("session_key", "like", "t%")
      .where("status", "in", ACTIVE)
      .execute();
    const cancelled = await cancelForSchedule(
      trx,
      affected.map((b) => b.id),
      closure.reason,
      "inbox.closureCancelled",
      topicOf("closure", id),
      now,
    );
    await writeAudit(trx, {
      actorUserId,
      action: "zone.closure_added",
      entityType: "closure",
      entityId: id,
      zoneId,
      after: { ...closure, cancelled_bookings: cancelled },
      now,
    });
    return { cancelled };
  });
}

export async function removeClosure(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  closureId: number,
) {
  return inTransaction(db, async (trx) => {
    const closure = await trx
      .selectFrom("closures")
      .selectAll()
      .where("id", "=", closureId)
      .where("zone_id", "=", zoneId)
      .executeTakeFirst();
    if (!closure) return false;
    await trx.deleteFrom("closures").where("id", "=", closureId).execute();
    await writeAudit(trx, {
      actorUserId,
      action: "zone.closure_removed",
      entityType: "closure",
      entityId: closureId,
      zoneId,
      before: closure,
      now,
    });
    return true;
  });
}

export async function addEvent(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  event: {
    localDate: string;
    startTime: string;
    endTime: string;
    titleZh: string;
    titleEn: string;
  },
) {
  return inTransaction(db, async (trx) => {
    const values = {
      zone_id: zoneId,
      local_date: event.localDate,
      start_time: event.startTime,
      end_time: event.endTime,
      title_zh: event.titleZh,
      title_en: event.titleEn || event.titleZh,
      created_by: actorUserId,
      created_at: now.toISOString(),
    };
    const { id } = await trx
      .insertInto("market_events")
      .values(values)
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorUserId,
      action: "zone.event_added",
      entityType: "market_event",
      entityId: id,
      zoneId,
      after: values,
      now,
    });
    return id;
  });
}

export async function removeEvent(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  eventId: number,
) {
  return inTransaction(db, async (trx) => {
    const event = await trx
      .selectFrom("market_events")
      .selectAll()
      .where("id", "=", eventId)
      .where("zone_id", "=", zoneId)
      .executeTakeFirst();
    if (!event) return null;
    const affected = await trx
      .selectFrom("bookings")
      .select("id")
      .where("zone_id", "=", zoneId)
      .where("session_key", "=", `e${eventId}`)
      .where("status", "in", ACTIVE)
      .execute();
    const cancelled = await cancelForSchedule(
      trx,
      affected.map((b) => b.id),
      event.title_zh,
      "inbox.eventCancelled",
      topicOf("event", eventId),
      now,
    );
    await trx.deleteFrom("market_events").where("id", "=", eventId).execute();
    await writeAudit(trx, {
      actorUserId,
      action: "zone.event_removed",
      entityType: "market_event",
      entityId: eventId,
      zoneId,
      before: event,
      after: { cancelled_bookings: cancelled },
      now,
    });
    return { cancelled };
  });
}

export async function addTemplate(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  template: { kind: SessionKind; weekdays: string; startTime: string; endTime: string },
) {
  return inTransaction(db, async (trx) => {
    const values = {
      zone_id: zoneId,
      kind: template.kind,
      weekdays: template.weekdays,
      start_time: template.startTime,
      end_time: template.endTime,
      created_at: now.toISOString(),
    };
    const { id } = await trx
      .insertInto("session_templates")
      .values(values)
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorUserId,
      action: "zone.template_added",
      entityType: "session_template",
      entityId: id,
      zoneId,
      after: values,
      now,
    });
    return id;
  });
}

/** Removes a weekly session; its future bookings are cancelled without penalty. */
export async function removeTemplate(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  templateId: number,
) {
  return inTransaction(db, async (trx) => {
    const template = await trx
      .selectFrom("session_templates")
      .selectAll()
      .where("id", "=", templateId)
      .where("zone_id", "=", zoneId)
      .executeTakeFirst();
    if (!template) return null;
    const affected = await trx
      .selectFrom("bookings")
      .select("id")
      .where("zone_id", "=", zoneId)
      .where("session_key", "=", `t${templateId}`)
      .where("starts_at", ">", now.toISOString())
      .where("status", "in", ACTIVE)
      .execute();
    const cancelled = await cancelForSchedule(
      trx,
      affected.map((b) => b.id),
      "",
      "inbox.sessionRemoved",
      topicOf("template", templateId),
      now,
    );
    await trx.deleteFrom("session_templates").where("id", "=", templateId).execute();
    await writeAudit(trx, {
      actorUserId,
      action: "zone.template_removed",
      entityType: "session_template",
      entityId: templateId,
      zoneId,
      before: template,
      after: { cancelled_bookings: cancelled },
      now,
    });
    return { cancelled };
  });
}

export async function saveBookingSettings(
  db: Kysely<Database>,
  { zoneId, actorUserId, now }: Actor,
  settings: BookingSettings,
) {
  return inTransaction(db, async (trx) => {
    const before = await getBookingSettings(trx, zoneId);
    const row = {
      booking_opens_days: settings.bookingOpensDays,
      booking_closes_minutes: settings.bookingClosesMinutes,
      weekly_quota: settings.weeklyQuota,
      cancel_deadline_hours: settings.cancelDeadlineHours,
      requires_approval: settings.requiresApproval ? (1 as const) : (0 as const),
      category_caps: JSON.stringify(settings.categoryCaps),
      noshow_threshold: settings.noShowThreshold,
      noshow_window_days: settings.noShowWindowDays,
      noshow_ban_days: settings.noShowBanDays,
      check_in_opens_minutes: settings.checkInOpensMinutes,
      updated_at: now.toISOString(),
    };
    await trx
      .insertInto("zone_settings")
      .values({ zone_id: zoneId, ...row })
      .onConflict((oc) => oc.column("zone_id").doUpdateSet(row))
      .execute();
    await writeAudit(trx, {
      actorUserId,
      action: "zone.settings_changed",
      entityType: "zone",
      entityId: zoneId,
      zoneId,
      before,
      after: settings,
      now,
    });
  });
}

export async function listClosuresAndEvents(
  db: Kysely<Database>,
  zoneId: number,
  fromDate: string,
) {
  const [closures, events] = await Promise.all([
    db
      .selectFrom("closures")
      .selectAll()
      .where("zone_id", "=", zoneId)
      .where("ends_on", ">=", fromDate)
      .orderBy("starts_on")
      .execute(),
    db
      .selectFrom("market_events")
      .selectAll()
      .where("zone_id", "=", zoneId)
      .where("local_date", ">=", fromDate)
      .orderBy("local_date")
      .execute(),
  ]);
  return { closures, events };
}
