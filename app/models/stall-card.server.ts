// What a stall's card opens: this stall now. The session in progress or the next one (or one
// asked for), who is booked there with what they sell, where they come from and until when
// their papers are valid (never the papers), and the coming sessions with who has booked each.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { addDays, findSession } from "~/domain/calendar";
import { ringCenter } from "~/domain/geo";
import { papersValidUntil } from "~/domain/documents";
import { localMoment } from "~/domain/market-hours";
import { papersThatCount } from "./booking.server";
import { integrityMarks } from "./integrity.server";
import { currentPriceList } from "./price-list.server";
import { upcomingSessions, loadZoneCalendar } from "./zone-calendar.server";
import { approvedStalls } from "./zone.server";

/** How far ahead a card looks for sessions. */
const DAYS_AHEAD = 14;

/** A stall of the market's approved layout by its code, and the market's calendar. */
async function stallWithCalendar(db: Kysely<Database>, zoneId: number, code: string) {
  const [stalls, calendar] = await Promise.all([
    approvedStalls(db, zoneId),
    loadZoneCalendar(db, zoneId),
  ]);
  return { stall: stalls.find((s) => s.code === code), calendar };
}

export async function stallCard(
  db: Kysely<Database>,
  card: { zoneId: number; code: string },
  now: Date,
  /** A session asked for, "YYYY-MM-DD|key"; the one in progress or next without. */
  asked?: string | null,
) {
  const zone = await db
    .selectFrom("zones")
    .select(["id", "slug", "name_zh", "name_en", "time_zone"])
    .where("id", "=", card.zoneId)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!zone) return undefined;
  const { stall, calendar } = await stallWithCalendar(db, zone.id, card.code);
  if (!stall || !calendar) return undefined;
  const today = localMoment(now, zone.time_zone).date;
  const sessions = upcomingSessions(calendar, today, addDays(today, DAYS_AHEAD)).filter(
    (s) => Date.parse(s.endsAt) > now.getTime(),
  );
  const booked = sessions.length
    ? await db
        .selectFrom("bookings")
        .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
        .innerJoin("users", "users.id", "vendors.user_id")
        .innerJoin("categories", "categories.slug", "vendors.category_slug")
        .select([
          "bookings.local_date",
          "bookings.session_key",
          "vendors.id as vendor_id",
          "users.display_name",
          "vendors.name_en",
          "vendors.products",
          "vendors.products_en",
          "vendors.home_community",
          "categories.name_zh as category_zh",
          "categories.name_en as category_en",
          "categories.needs_health_certificate",
          "categories.needs_food_permit",
          "categories.public_welfare",
        ])
        .where("bookings.stall_id", "=", stall.id)
        .where("bookings.local_date", ">=", today)
        .where("bookings.local_date", "<=", addDays(today, DAYS_AHEAD))
        .where("bookings.status", "in", ["confirmed", "checked_in"])
        .where("vendors.status", "=", "approved")
        .execute()
    : [];
  const vendorOf = (s: { localDate: string; key: string }) =>
    booked.find((b) => b.local_date === s.localDate && b.session_key === s.key) ?? null;
  const chosen = sessions.find((s) => `${s.localDate}|${s.key}` === asked) ?? sessions[0] ?? null;
  const vendor = chosen ? vendorOf(chosen) : null;
  const [papers, prices, marks] = vendor
    ? await Promise.all([
        papersThatCount(db, vendor.vendor_id),
        currentPriceList(db, vendor.vendor_id),
        integrityMarks(db, [vendor.vendor_id], today),
      ])
    : [[], [], new Map<number, string>()];
  return {
    zone,
    stall,
    chosen: chosen
      ? {
          ...chosen,
          inProgress: Date.parse(chosen.startsAt) <= now.getTime(),
          vendor: vendor && {
            ...vendor,
            papersUntil: papersValidUntil(vendor, papers, chosen.localDate),
            prices,
            /** The quarter of their 诚信摊主 mark, if they hold it. */
            mark: marks.get(vendor.vendor_id) ?? null,
          },
        }
      : null,
    sessions: sessions.slice(0, 8).map((s) => ({ ...s, vendor: vendorOf(s) })),
  };
}

/**
 * What a report made from a stall's card is about: the stall (if the market's layout has it),
 * the session (if it is held) and the vendor booked there then (if any), found here and not
 * taken from the form, with the stall's centre as the report's place.
 */
export async function stallAbout(
  db: Kysely<Database>,
  zoneId: number,
  code: string,
  session: string | null,
) {
  if (!code) return null;
  const { stall, calendar } = await stallWithCalendar(db, zoneId, code);
  if (!stall || !calendar) return null;
  const [date, key] = (session ?? "").split("|");
  const held = date && key ? findSession(calendar, date, key) : undefined;
  const booking = held
    ? await db
        .selectFrom("bookings")
        .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
        .innerJoin("users", "users.id", "vendors.user_id")
        .select(["bookings.vendor_id", "users.display_name"])
        .where("bookings.stall_id", "=", stall.id)
        .where("bookings.local_date", "=", held.localDate)
        .where("bookings.session_key", "=", held.key)
        .where("bookings.status", "in", ["confirmed", "checked_in", "no_show"])
        .executeTakeFirst()
    : undefined;
  const [lng, lat] = ringCenter(stall.ring);
  return {
    stallCode: stall.code,
    session: held
      ? { localDate: held.localDate, key: held.key, startsAt: held.startsAt, endsAt: held.endsAt }
      : null,
    vendor: booking ? { id: booking.vendor_id, name: booking.display_name } : null,
    position: { lng: lng!, lat: lat! },
    timeZone: calendar.timeZone,
  };
}
