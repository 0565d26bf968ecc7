// A zone's market sessions on real dates: its weekly templates, less its closures, plus its
// one-off events, each with the UTC instants it starts and ends in the zone's time zone.
import type { SessionKind } from "#db/schema";
import { minutesOf, runsOn, utcOffsetMinutes } from "./market-hours";
import { remembered } from "./remembered";

export interface TemplateLike {
  id: number;
  kind: SessionKind;
  weekdays: string;
  start_time: string;
  end_time: string;
}

export interface ClosureLike {
  starts_on: string;
  ends_on: string;
  reason: string;
}

export interface EventLike {
  id: number;
  local_date: string;
  start_time: string;
  end_time: string;
  title_zh: string;
  title_en: string;
}

export interface MarketSession {
  /** 't<template id>' or 'e<event id>': with the date, names the session. */
  key: string;
  localDate: string;
  kind: SessionKind | "event";
  startTime: string;
  endTime: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  title: { zh: string; en: string } | null;
}

/**
 * Order of ISO dates and instants ('2026-11-29', '2026-11-29T02:00:00.000Z'): their characters
 * sort as they do; localeCompare would ask the collator, several times slower in long sorts.
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseDate(date: string): [number, number, number] {
  // 'YYYY-MM-DD' read by position: pages expand hundreds of sessions a request.
  if (date.length === 10 && date[4] === "-" && date[7] === "-")
    return [+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10)];
  const [y, m, d] = date.split("-").map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = parseDate(date);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** Dates a few days apart, asked for again and again by every page's calendar. */
const datesAdded = remembered<string>(10_000);

export function addDays(date: string, days: number): string {
  return datesAdded(`${date}|${days}`, () => {
    const [y, m, d] = parseDate(date);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  });
}

/** ISO weekday of a calendar date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const [y, m, d] = parseDate(date);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week a date is in. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The instant a wall-clock time on a date happens in `timeZone`. Where daylight saving skips an
 * hour, a time in the gap moves forward by the gap; where it repeats an hour, the later
 * (standard-time) moment is taken.
 */
export function localToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  const naive = Date.UTC(y, m - 1, d) + minutesOf(time) * 60_000;
  const first = utcOffsetMinutes(new Date(naive), timeZone);
  const guess = naive - first * 60_000;
  const second = utcOffsetMinutes(new Date(guess), timeZone);
  return new Date(second === first ? guess : naive - second * 60_000);
}

/** The closure in force on a date, if any. */
export function closureOn<C extends ClosureLike>(closures: C[], date: string): C | undefined {
  return closures.find((c) => c.starts_on <= date && date <= c.ends_on);
}

/**
 * A session's two instants by its zone, date and hours: the same few hours on the same days are
 * expanded by every page that shows a calendar, and the time-zone arithmetic is the cost.
 */
const sessionInstants = remembered<{ startsAt: string; endsAt: string }>(20_000);

/** Every session from `from` to `to` (inclusive), in date and start order. */
export function sessionsBetween({
  templates,
  closures,
  events,
  from,
  to,
  timeZone,
}: {
  templates: TemplateLike[];
  closures: ClosureLike[];
  events: EventLike[];
  from: string;
  to: string;
  timeZone: string;
}): MarketSession[] {
  const sessions: MarketSession[] = [];
  const instants = (date: string, start: string, end: string) =>
    sessionInstants(`${timeZone} ${date} ${start} ${end}`, () => {
      // A session that ends at or before its start runs past midnight.
      const endDate = minutesOf(end) <= minutesOf(start) ? addDays(date, 1) : date;
      return {
        startsAt: localToUtc(date, start, timeZone).toISOString(),
        endsAt: localToUtc(endDate, end, timeZone).toISOString(),
      };
    });
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (!closureOn(closures, date)) {
      const weekday = isoWeekday(date);
      for (const t of templates) {
        if (!runsOn(t, weekday)) continue;
        sessions.push({
          key: `t${t.id}`,
          localDate: date,
          kind: t.kind,
          startTime: t.start_time,
          endTime: t.end_time,
          ...instants(date, t.start_time, t.end_time),
          title: null,
        });
      }
    }
    for (const e of events) {
      if (e.local_date !== date) continue;
      sessions.push({
        key: `e${e.id}`,
        localDate: date,
        kind: "event",
        startTime: e.start_time,
        endTime: e.end_time,
        ...instants(date, e.start_time, e.end_time),
        title: { zh: e.title_zh, en: e.title_en },
      });
    }
  }
  return sessions.sort((a, b) => compareIso(a.startsAt, b.startsAt) || compareIso(a.key, b.key));
}

/** The one session named by a date and key, or undefined when it is not held. */
export function findSession(
  input: Omit<Parameters<typeof sessionsBetween>[0], "from" | "to">,
  localDate: string,
  key: string,
): MarketSession | undefined {
  if (!isValidDate(localDate)) return undefined;
  return sessionsBetween({ ...input, from: localDate, to: localDate }).find((s) => s.key === key);
}
