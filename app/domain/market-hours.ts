// When a market is open, computed in the market's own time zone. Pure: the caller passes "now".
import type { SessionKind } from "#db/schema";
import { remembered } from "./remembered";

/** Dates that belong to no one zone (a paper's expiry, a suspension) are read in this zone. */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export interface SessionHours {
  kind: SessionKind;
  /** ISO weekday digits, Monday = 1. */
  weekdays: string;
  /** 'HH:MM' local time. */
  start_time: string;
  end_time: string;
}

export interface LocalMoment {
  /** 'YYYY-MM-DD' in the zone. */
  date: string;
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAY_NUMBER: Record<string, number> = {
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
  Sun: 7,
};

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

// A zone's wall clock by minute: a county's markets open at the same few times and a page asks
// for "now" in each zone again and again, and Intl's formatToParts is the cost. The date, weekday,
// minute and UTC offset of one minute all come from one reading of the clock.
interface MinuteReading {
  moment: Readonly<LocalMoment>;
  offset: number;
}
const readings = remembered<MinuteReading>(10_000);

function readMinute(instant: Date, timeZone: string): MinuteReading {
  const minute = Math.floor(instant.getTime() / 60_000);
  return readings(`${timeZone}|${minute}`, () => {
    const p = wallClock(instant, timeZone);
    const asUtc = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
    );
    return {
      moment: Object.freeze({
        date: `${p.year}-${p.month}-${p.day}`,
        weekday: WEEKDAY_NUMBER[p.weekday ?? ""] ?? 0,
        minutes: Number(p.hour) * 60 + Number(p.minute),
      }),
      offset: Math.round((asUtc - minute * 60_000) / 60_000),
    };
  });
}

/** How many minutes `timeZone` is ahead of UTC at `instant` (480 for Beijing). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  return readMinute(instant, timeZone).offset;
}

/** The wall-clock date, weekday and minute of `instant` in `timeZone`. */
export function localMoment(instant: Date, timeZone: string): LocalMoment {
  return { ...readMinute(instant, timeZone).moment };
}

/** "HH:MM" for minutes since midnight: the inverse of `minutesOf`. */
export function timeOfDay(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function runsOn(hours: Pick<SessionHours, "weekdays">, weekday: number): boolean {
  return hours.weekdays.includes(String(weekday));
}

const KIND_ORDER: Record<SessionKind, number> = { morning: 0, daytime: 1, evening: 2, night: 3 };

/** The sessions held on a weekday, earliest first. */
export function sessionsOnWeekday<T extends SessionHours>(templates: T[], weekday: number): T[] {
  return templates
    .filter((t) => runsOn(t, weekday))
    .sort(
      (a, b) =>
        minutesOf(a.start_time) - minutesOf(b.start_time) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
    );
}

export type DayState = "open" | "later" | "ended" | "none";

/**
 * Where a zone stands today: open now, opening later today, finished for the day, or not
 * held today at all.
 */
export function dayState(todays: SessionHours[], minutes: number): DayState {
  if (todays.length === 0) return "none";
  if (todays.some((s) => minutes >= minutesOf(s.start_time) && minutes < minutesOf(s.end_time))) {
    return "open";
  }
  if (todays.some((s) => minutes < minutesOf(s.start_time))) return "later";
  return "ended";
}

export interface Today<T extends SessionHours> {
  date: string;
  state: DayState;
  sessions: T[];
  /** Minutes until the next opening today, or the first opening tomorrow onwards: for sorting. */
  sortKey: number;
}

const STATE_RANK: Record<DayState, number> = { open: 0, later: 1, ended: 2, none: 3 };

/** A zone's day as a resident sees it right now, in the zone's own time zone. */
export function zoneToday<T extends SessionHours>(
  templates: T[],
  timeZone: string,
  now: Date,
): Today<T> {
  const moment = localMoment(now, timeZone);
  const sessions = sessionsOnWeekday(templates, moment.weekday);
  const state = dayState(sessions, moment.minutes);
  const firstStart = sessions.length ? minutesOf(sessions[0]!.start_time) : 24 * 60;
  return { date: moment.date, state, sessions, sortKey: STATE_RANK[state] * 10_000 + firstStart };
}
