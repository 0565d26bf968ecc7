// The coming week across every market: each session with its state, who has booked it and in
// which categories, for the home page and its map.
import type { Kysely } from "kysely";
import { keptReference } from "./reference.server";
import type { Database, ZoneKind } from "#db/schema";
import { addDays, compareIso, type MarketSession } from "~/domain/calendar";
import { parsePolygon, ringCenter, type Position } from "~/domain/geo";
import { localMoment, type DayState } from "~/domain/market-hours";
import { loadZoneCalendars, upcomingSessions, type ZoneCalendar } from "./zone-calendar.server";
import {
  sessionState,
  timeOfDay,
  WHATS_ON_DAYS,
  type SessionState,
  type WhatsOnFilters,
} from "~/domain/whats-on";

export interface WhatsOnZone {
  id: number;
  slug: string;
  name_zh: string;
  name_en: string;
  address_zh: string;
  address_en: string;
  kind: ZoneKind;
  ring: Position[];
  center: Position;
  today: string;
  /** Today's state, for the map's colours. */
  state: DayState;
  /** The first session not yet over, within the week. */
  next: MarketSession | null;
}

export interface WhatsOnSession extends MarketSession {
  zoneId: number;
  state: SessionState;
  vendors: number;
  categories: string[];
}

/**
 * A zone's week as its kept calendar gives it, and its ring: worked out once for each kept value
 * (kept values are frozen and replaced on any change, decision 033), not on every home page.
 */
const weekOf = new WeakMap<object, { from: string; sessions: MarketSession[] }>();
const ringOf = new WeakMap<object, { ring: Position[]; center: Position }>();

function zoneWeek(calendar: ZoneCalendar, today: string): MarketSession[] {
  const hit = weekOf.get(calendar);
  if (hit?.from === today) return hit.sessions;
  const sessions = upcomingSessions(calendar, today, addDays(today, WHATS_ON_DAYS - 1));
  weekOf.set(calendar, { from: today, sessions });
  return sessions;
}

function zoneRing(zone: { boundary: string }): { ring: Position[]; center: Position } {
  const hit = ringOf.get(zone);
  if (hit) return hit;
  const ring = parsePolygon(zone.boundary)?.coordinates[0] ?? [];
  // Frozen like the kept row it comes from: every page shares it.
  for (const point of ring) Object.freeze(point);
  const center: Position = ring.length ? ringCenter(ring) : [0, 0];
  const made = {
    ring: Object.freeze(ring) as Position[],
    center: Object.freeze(center) as Position,
  };
  ringOf.set(zone, made);
  return made;
}

export async function loadWhatsOn(db: Kysely<Database>, now: Date) {
  const zones = await keptReference(db, "active-zones", (db) =>
    db
      .selectFrom("zones")
      .select([
        "id",
        "slug",
        "name_zh",
        "name_en",
        "address_zh",
        "address_en",
        "kind",
        "boundary",
        "time_zone",
      ])
      .where("status", "=", "active")
      .orderBy("id")
      .execute(),
  );
  const ids = zones.map((z) => z.id);
  if (ids.length === 0) return { zones: [] as WhatsOnZone[], sessions: [] as WhatsOnSession[] };
  const calendars = await loadZoneCalendars(db, zones);
  const earliest = zones.map((z) => localMoment(now, z.time_zone).date).sort()[0]!;
  // Kept by triggers in the same transaction as each booking (migration 20261130190000).
  const booked = await db
    .selectFrom("session_tallies")
    .select(["zone_id", "local_date", "session_key", "category_slug", "bookings as n"])
    .where("zone_id", "in", ids)
    .where("local_date", ">=", earliest)
    .where("local_date", "<=", addDays(earliest, WHATS_ON_DAYS))
    .where("bookings", ">", 0)
    .orderBy("zone_id")
    .orderBy("local_date")
    .orderBy("session_key")
    .orderBy("category_slug")
    .execute();
  const bySession = new Map<string, { vendors: number; categories: string[] }>();
  for (const row of booked) {
    const key = `${row.zone_id}|${row.local_date}|${row.session_key}`;
    const entry = bySession.get(key) ?? { vendors: 0, categories: [] };
    entry.vendors += Number(row.n);
    entry.categories.push(row.category_slug);
    bySession.set(key, entry);
  }

  const sessions: WhatsOnSession[] = [];
  const out: WhatsOnZone[] = zones.map((zone) => {
    const today = localMoment(now, zone.time_zone).date;
    const own = zoneWeek(calendars.get(zone.id)!, today).map((s) => ({
      ...s,
      zoneId: zone.id,
      state: sessionState(s, today, now),
      ...(bySession.get(`${zone.id}|${s.localDate}|${s.key}`) ?? { vendors: 0, categories: [] }),
    }));
    sessions.push(...own);
    const todays = own.filter((s) => s.localDate === today);
    const state: DayState =
      todays.length === 0
        ? "none"
        : todays.some((s) => s.state === "open")
          ? "open"
          : todays.some((s) => s.state === "later")
            ? "later"
            : "ended";
    const { ring, center } = zoneRing(zone);
    return {
      id: zone.id,
      slug: zone.slug,
      name_zh: zone.name_zh,
      name_en: zone.name_en,
      address_zh: zone.address_zh,
      address_en: zone.address_en,
      kind: zone.kind,
      ring,
      center,
      today,
      state,
      next: own.find((s) => s.state !== "ended") ?? null,
    };
  });
  sessions.sort((a, b) => compareIso(a.startsAt, b.startsAt) || a.zoneId - b.zoneId);
  return { zones: out, sessions };
}

export function applyFilters(
  sessions: WhatsOnSession[],
  zones: Map<number, Pick<WhatsOnZone, "kind">>,
  filters: WhatsOnFilters,
): WhatsOnSession[] {
  return sessions.filter(
    (s) =>
      (!filters.day || s.localDate === filters.day) &&
      (!filters.time || timeOfDay(s) === filters.time) &&
      (!filters.category || s.categories.includes(filters.category)) &&
      (!filters.kind || zones.get(s.zoneId)?.kind === filters.kind),
  );
}
