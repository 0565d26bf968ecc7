// What the calendar of a zone is made of, and its booking settings (with defaults).
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings } from "~/domain/booking-rules";
import {
  sessionsBetween,
  type ClosureLike,
  type EventLike,
  type TemplateLike,
} from "~/domain/calendar";
import { keptReference } from "./reference.server";

export interface ZoneCalendar {
  zoneId: number;
  timeZone: string;
  templates: TemplateLike[];
  closures: (ClosureLike & { id: number })[];
  events: EventLike[];
}

export async function loadZoneCalendar(
  db: Kysely<Database>,
  zoneId: number,
): Promise<ZoneCalendar | undefined> {
  const zone = await keptReference(db, `zone-time:${zoneId}`, (db) =>
    db.selectFrom("zones").select(["id", "time_zone"]).where("id", "=", zoneId).executeTakeFirst(),
  );
  return zone ? zoneCalendar(db, zone) : undefined;
}

/** The calendar of a zone its caller has already read (one query fewer than by its id). */
export async function zoneCalendar(
  db: Kysely<Database>,
  zone: { id: number; time_zone: string },
): Promise<ZoneCalendar> {
  return (await loadZoneCalendars(db, [zone])).get(zone.id)!;
}

/** The calendars of many zones in three queries, whatever their number. */
export async function loadZoneCalendars(
  db: Kysely<Database>,
  zones: { id: number; time_zone: string }[],
): Promise<Map<number, ZoneCalendar>> {
  const ids = zones.length ? zones.map((z) => z.id) : [-1];
  const [templates, closures, events] = await keptReference(db, `calendars:${ids}`, (db) =>
    Promise.all([
      db
        .selectFrom("session_templates")
        .select(["id", "zone_id", "kind", "weekdays", "start_time", "end_time"])
        .where("zone_id", "in", ids)
        .execute(),
      db
        .selectFrom("closures")
        .select(["id", "zone_id", "starts_on", "ends_on", "reason"])
        .where("zone_id", "in", ids)
        .execute(),
      db
        .selectFrom("market_events")
        .select(["id", "zone_id", "local_date", "start_time", "end_time", "title_zh", "title_en"])
        .where("zone_id", "in", ids)
        .execute(),
    ]),
  );
  // Split by zone once for each kept read, so the same calendar objects serve every page until
  // a change (what is worked out from a calendar can be kept beside it, e.g. the home page's week).
  // The key names the zones, and a change to a zone's time zone is a new read: the same zones.
  let split = calendarsOf.get(templates);
  if (!split) {
    split = new Map(
      zones.map((z) => [
        z.id,
        Object.freeze({
          zoneId: z.id,
          timeZone: z.time_zone,
          templates: templates.filter((t) => t.zone_id === z.id),
          closures: closures.filter((c) => c.zone_id === z.id),
          events: events.filter((e) => e.zone_id === z.id),
        }),
      ]),
    );
    calendarsOf.set(templates, split);
  }
  return split;
}

const calendarsOf = new WeakMap<object, Map<number, ZoneCalendar>>();

export function upcomingSessions(calendar: ZoneCalendar, from: string, to: string) {
  return sessionsBetween({ ...calendar, from, to });
}

export async function getBookingSettings(
  db: Kysely<Database>,
  zoneId: number,
): Promise<BookingSettings> {
  const row = await keptReference(db, `settings:${zoneId}`, (db) =>
    db.selectFrom("zone_settings").selectAll().where("zone_id", "=", zoneId).executeTakeFirst(),
  );
  if (!row) return DEFAULT_BOOKING_SETTINGS;
  return {
    bookingOpensDays: row.booking_opens_days,
    bookingClosesMinutes: row.booking_closes_minutes,
    weeklyQuota: row.weekly_quota,
    cancelDeadlineHours: row.cancel_deadline_hours,
    requiresApproval: row.requires_approval === 1,
    categoryCaps: JSON.parse(row.category_caps) as Record<string, number>,
    noShowThreshold: row.noshow_threshold,
    noShowWindowDays: row.noshow_window_days,
    noShowBanDays: row.noshow_ban_days,
    checkInOpensMinutes: row.check_in_opens_minutes,
  };
}
