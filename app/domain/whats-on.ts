// What a resident filters the coming week's sessions by, read leniently from a URL: a value
// that makes no sense is dropped (and named, so the page can say so) rather than refused.
import type { ZoneKind } from "#db/schema";
import { addDays, isValidDate, type MarketSession } from "./calendar";

export const ZONE_KINDS: ZoneKind[] = ["community", "street", "park", "night", "rural"];
export const TIMES_OF_DAY = ["morning", "evening"] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
export const WHATS_ON_DAYS = 7;

export interface WhatsOnFilters {
  day?: string;
  time?: TimeOfDay;
  category?: string;
  kind?: ZoneKind;
}

export function parseFilters(
  params: URLSearchParams,
  { today, categories }: { today: string; categories: string[] },
): { filters: WhatsOnFilters; ignored: (keyof WhatsOnFilters)[] } {
  const filters: WhatsOnFilters = {};
  const ignored: (keyof WhatsOnFilters)[] = [];
  const read = (name: keyof WhatsOnFilters, ok: (value: string) => boolean) => {
    const value = params.get(name);
    if (value === null || value === "") return undefined;
    if (ok(value)) return value;
    ignored.push(name);
    return undefined;
  };
  const last = addDays(today, WHATS_ON_DAYS - 1);
  filters.day = read("day", (v) => isValidDate(v) && v >= today && v <= last);
  filters.time = read("time", (v) => (TIMES_OF_DAY as readonly string[]).includes(v)) as
    TimeOfDay | undefined;
  filters.category = read("category", (v) => categories.includes(v));
  filters.kind = read("kind", (v) => (ZONE_KINDS as string[]).includes(v)) as ZoneKind | undefined;
  return { filters, ignored };
}

/** Morning is a session that starts before noon; evening one that starts at noon or later. */
export function timeOfDay(session: Pick<MarketSession, "startTime">): TimeOfDay {
  return session.startTime < "12:00" ? "morning" : "evening";
}

export type SessionState = "open" | "later" | "ended" | "coming";

/** Open now, later today, over for today, or on a coming day. */
export function sessionState(
  session: Pick<MarketSession, "startsAt" | "endsAt" | "localDate">,
  today: string,
  now: Date,
): SessionState {
  const t = now.getTime();
  if (Date.parse(session.endsAt) <= t) return "ended";
  if (Date.parse(session.startsAt) <= t) return "open";
  return session.localDate === today ? "later" : "coming";
}
