// Messages nobody clicks for: the reminder the evening before a booked session, and a paper about
// to expire (30 and 7 days ahead). The background job asks every minute; each message has a
// key of its own (vendor, kind and subject) that the outbox takes once, so a restart or a second
// instance never sends one twice. docs/decisions/018-sms.md
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { addDays, compareIso } from "~/domain/calendar";
import { DEFAULT_TIME_ZONE, localMoment, minutesOf } from "~/domain/market-hours";
import { quietHoursEnd } from "~/domain/quiet-hours";
import { formatLocalDate, formatLocalTime, translate } from "~/utils/i18n";
import { enqueueSms, queuedKeys } from "./outbox.server";

/** Reminders for tomorrow's sessions go out from this hour, the market's time. */
export const REMINDER_FROM = "17:00";
export const PAPER_NOTICE_DAYS = [30, 7] as const;

export async function queueReminders(
  db: Kysely<Database>,
  now: Date,
): Promise<{ dayBefore: number; papers: number }> {
  return { dayBefore: await queueDayBefore(db, now), papers: await queuePaperNotices(db, now) };
}

async function queueDayBefore(db: Kysely<Database>, now: Date): Promise<number> {
  const zones = await db
    .selectFrom("zones")
    .select(["id", "time_zone"])
    .where("status", "=", "active")
    .execute();
  let queued = 0;
  for (const zone of zones) {
    const local = localMoment(now, zone.time_zone);
    if (local.minutes < minutesOf(REMINDER_FROM)) continue;
    const tomorrow = addDays(local.date, 1);
    const bookings = await db
      .selectFrom("bookings")
      .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
      .innerJoin("users", "users.id", "vendors.user_id")
      .innerJoin("stalls", "stalls.id", "bookings.stall_id")
      .innerJoin("zones", "zones.id", "bookings.zone_id")
      .select([
        "bookings.id",
        "bookings.local_date",
        "bookings.starts_at",
        "users.id as user_id",
        "users.phone",
        "users.email",
        "users.locale",
        "stalls.code",
        "zones.name_zh",
        "zones.name_en",
      ])
      .where("bookings.zone_id", "=", zone.id)
      .where("bookings.local_date", "=", tomorrow)
      .where("bookings.status", "=", "confirmed")
      .where("users.sms_reminders", "=", 1)
      .where("users.phone", "is not", null)
      .where("users.phone_verified_at", "is not", null)
      .execute();
    // Held through the night, a reminder must still come before its market opens.
    const goesAt = quietHoursEnd(now, zone.time_zone).toISOString();
    const done = await queuedKeys(
      db,
      bookings.map((b) => `day_before:${b.id}`),
    );
    for (const b of bookings) {
      if (compareIso(goesAt, b.starts_at) >= 0 || done.has(`day_before:${b.id}`)) continue;
      const locale = b.locale ?? "zh-CN";
      const id = await enqueueSms(
        db,
        {
          userId: b.user_id,
          phone: b.phone!,
          email: b.email,
          kind: "day_before",
          params: {
            market: locale === "en" ? b.name_en || b.name_zh : b.name_zh,
            date: formatLocalDate(locale, b.local_date),
            time: formatLocalTime(b.starts_at, zone.time_zone),
            stall: b.code,
          },
          locale,
          dedupeKey: `day_before:${b.id}`,
          timeZone: zone.time_zone,
        },
        now,
      );
      if (id !== null) queued += 1;
    }
  }
  return queued;
}

async function queuePaperNotices(db: Kysely<Database>, now: Date): Promise<number> {
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  const papers = await db
    .selectFrom("documents")
    .innerJoin("vendors", "vendors.id", "documents.vendor_id")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select([
      "documents.id",
      "documents.kind",
      "documents.expires_on",
      "users.id as user_id",
      "users.phone",
      "users.email",
      "users.locale",
    ])
    .where("documents.replaced_at", "is", null)
    .where("documents.expires_on", ">=", today)
    .where("documents.expires_on", "<=", addDays(today, PAPER_NOTICE_DAYS[0]))
    .where("vendors.status", "=", "approved")
    .where("users.phone", "is not", null)
    .where("users.phone_verified_at", "is not", null)
    .execute();
  const due = papers.map((p) => {
    const days = Math.round(
      (Date.parse(`${p.expires_on}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
    );
    // The nearest notice the paper has reached: a paper found 20 days out gets the 30-day one.
    const notice = [...PAPER_NOTICE_DAYS].reverse().find((d) => days <= d)!;
    return { ...p, days, key: `paper:${p.id}:${notice}` };
  });
  const done = await queuedKeys(
    db,
    due.map((p) => p.key),
  );
  let queued = 0;
  for (const { days, key, ...p } of due) {
    if (done.has(key)) continue;
    const locale = p.locale ?? "zh-CN";
    const id = await enqueueSms(
      db,
      {
        userId: p.user_id,
        phone: p.phone!,
        email: p.email,
        kind: "paper_expiring",
        params: {
          paper: translate(locale, `documentKind.${p.kind}`),
          date: formatLocalDate(locale, p.expires_on, "full"),
          days,
        },
        locale,
        dedupeKey: key,
        timeZone: DEFAULT_TIME_ZONE,
      },
      now,
    );
    if (id !== null) queued += 1;
  }
  return queued;
}
