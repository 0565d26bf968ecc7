// A session of a journey's own market that is running now, whatever the time of day the suite
// runs: check-in and walk-ups are only open from an hour before a session until its end, so a
// journey that checks someone in needs one. Made as a one-off event (加场) from ten minutes ago
// (late in the evening, one from the coming midnight).
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { addDays, localToUtc } from "../app/domain/calendar";
import { localMoment, timeOfDay } from "../app/domain/market-hours";
import { stallsTaking } from "../db/testing/factories";

const TIME_ZONE = "Asia/Shanghai";
/** Longer than any journey that checks someone in (the offline day sheet takes two minutes). */
const LONGEST_JOURNEY = 15 * 60_000;

export async function sessionRunningNow(db: Kysely<Database>, zoneId: number) {
  const now = new Date();
  const clock = (d: Date) => timeOfDay(localMoment(d, TIME_ZONE).minutes);
  const tenAgo = new Date(now.getTime() - 10 * 60_000);
  const inTwoHours = new Date(now.getTime() + 120 * 60_000);
  let { date } = localMoment(now, TIME_ZONE);
  // Within the day: an event does not cross midnight.
  let start = localMoment(tenAgo, TIME_ZONE).date === date ? clock(tenAgo) : "00:00";
  let end = localMoment(inTwoHours, TIME_ZONE).date === date ? clock(inTwoHours) : "23:59";
  if (localToUtc(date, end, TIME_ZONE).getTime() - now.getTime() < LONGEST_JOURNEY) {
    // Late in the evening today's session would end before the journey does: a session from the
    // coming midnight instead, whose check-in and walk-ups open an hour before it starts.
    date = addDays(date, 1);
    start = "00:00";
    end = "02:00";
  }
  const event = await db
    .insertInto("market_events")
    .values({
      zone_id: zoneId,
      local_date: date,
      start_time: start,
      end_time: end,
      title_zh: "临时加场",
      title_en: "Extra session",
      created_by: null,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const key = `e${event.id}`;
  return {
    localDate: date,
    key,
    /** The session's value in the day sheet's list. */
    value: `${date}|${key}`,
    startsAt: localToUtc(date, start, TIME_ZONE).toISOString(),
    endsAt: localToUtc(date, end, TIME_ZONE).toISOString(),
  };
}

export interface Session {
  localDate: string;
  key: string;
  startsAt: string;
  endsAt: string;
}

/** A vendor booked at the zone's `stall`-th produce stall in a session (3 yuan): its code and id. */
export async function bookedAt(
  db: Kysely<Database>,
  zoneSlug: string,
  session: Session,
  vendorId: number,
  stall: number,
) {
  const stalls = await stallsTaking(db, zoneSlug, "fresh_produce");
  const at = new Date().toISOString();
  const booking = await db
    .insertInto("bookings")
    .values({
      zone_id: stalls[0]!.zone_id,
      stall_id: stalls[stall]!.id,
      vendor_id: vendorId,
      local_date: session.localDate,
      session_key: session.key,
      starts_at: session.startsAt,
      ends_at: session.endsAt,
      status: "confirmed",
      fee_fen: 300,
      idempotency_key: `market-day-${session.localDate}-${session.key}-${stall}`,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { code: stalls[stall]!.code, bookingId: booking.id };
}

/** The same, its stall's code alone. */
export async function booked(...args: Parameters<typeof bookedAt>) {
  return (await bookedAt(...args)).code;
}
