// Messages that can wait are not sent at night: quiet hours are 21:00–07:00 in the market's own
// time zone. Closures, offers and codes are urgent and go at once (app/domain/sms-templates.ts).
import { localToUtc, addDays } from "./calendar";
import { localMoment } from "./market-hours";

export const QUIET_FROM = "21:00";
export const QUIET_UNTIL = "07:00";

/** `now` when it is outside quiet hours in `timeZone`, else the instant they end. */
export function quietHoursEnd(now: Date, timeZone: string): Date {
  const { date, minutes } = localMoment(now, timeZone);
  if (minutes < 7 * 60) return localToUtc(date, QUIET_UNTIL, timeZone);
  if (minutes >= 21 * 60) return localToUtc(addDays(date, 1), QUIET_UNTIL, timeZone);
  return now;
}
