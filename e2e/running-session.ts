// A session of a journey's own market that is running now, whatever the time of day the suite
// runs: check-in and walk-ups are only open from an hour before a session until its end, so a
// journey that checks someone in needs one. Made as a one-off event (加场) from ten minutes ago.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { localToUtc } from "../app/domain/calendar";
import { localMoment, timeOfDay } from "../app/domain/market-hours";

const TIME_ZONE = "Asia/Shanghai";

export async function sessionRunningNow(db: Kysely<Database>, zoneId: number) {
  const now = new Date();
  const { date } = localMoment(now, TIME_ZONE);
  const clock = (d: Date) => timeOfDay(localMoment(d, TIME_ZONE).minutes);
  const time = clock(now);
  const tenAgo = new Date(now.getTime() - 10 * 60_000);
  const inTwoHours = new Date(now.getTime() + 120 * 60_000);
  // Within the day: an event does not cross midnight.
  const start = localMoment(tenAgo, TIME_ZONE).date === date ? clock(tenAgo) : "00:00";
  const end = localMoment(inTwoHours, TIME_ZONE).date === date ? clock(inTwoHours) : "23:59";
  if (end <= time) throw new Error("No session can run at 23:59; run the journey again.");
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
