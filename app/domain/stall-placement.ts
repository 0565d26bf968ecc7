// Where a vendor can stand when their stall is not to be had: the nearest free stall that takes
// their category. One rule, used when a stall was just taken (alternatives offered at booking)
// and when a new layout drops a booked stall's code (bookings carried over on approval).
import { parsePolygon, ringCenter, toMetres, type Position } from "./geo";

/** The centre of a stall stored as a GeoJSON polygon; null when it cannot be read. */
export function stallCentre(geometry: string): Position | null {
  const polygon = parsePolygon(geometry);
  return polygon ? ringCenter(polygon.coordinates[0]!) : null;
}

/** Candidates by distance from `from` in whole metres, nearest first, then by code. */
export function nearestFirst<T extends { code: string; geometry: string }>(
  from: Position,
  candidates: T[],
): (T & { distanceM: number })[] {
  return candidates
    .map((c) => {
      const centre = stallCentre(c.geometry);
      const [east, north] = centre ? toMetres(from, centre) : [Infinity, 0];
      return { ...c, distanceM: Math.round(Math.hypot(east, north)) };
    })
    .sort((a, b) => a.distanceM - b.distanceM || a.code.localeCompare(b.code));
}

export interface HeldBooking {
  id: number;
  localDate: string;
  sessionKey: string;
  /** The stall's code and outline in the layout being replaced. */
  code: string;
  geometry: string;
  category: string;
}

export interface NewStall {
  id: number;
  code: string;
  geometry: string;
  categories: string[];
}

export interface CarryOverPlan {
  kept: { bookingId: number; stallId: number }[];
  moved: { bookingId: number; stallId: number; from: string; to: string }[];
  cancelled: { bookingId: number; from: string }[];
}

/**
 * What happens to the bookings still ahead when a new layout is approved: a booking whose
 * stall code survives keeps it; the others move to the nearest stall of the new layout that
 * takes their category and is free that session, in booking order; with none, they are
 * cancelled. Kept bookings are placed first, so a moved booking never takes their stall.
 */
export function planCarryOver(bookings: HeldBooking[], stalls: NewStall[]): CarryOverPlan {
  const byCode = new Map(stalls.map((s) => [s.code, s]));
  const taken = new Set<string>();
  const slot = (stallId: number, b: HeldBooking) => `${stallId}|${b.localDate}|${b.sessionKey}`;
  const plan: CarryOverPlan = { kept: [], moved: [], cancelled: [] };
  const homeless: HeldBooking[] = [];
  for (const b of bookings) {
    const same = byCode.get(b.code);
    if (!same) {
      homeless.push(b);
      continue;
    }
    taken.add(slot(same.id, b));
    plan.kept.push({ bookingId: b.id, stallId: same.id });
  }
  for (const b of homeless) {
    const from = stallCentre(b.geometry);
    const free = stalls.filter(
      (s) => s.categories.includes(b.category) && !taken.has(slot(s.id, b)),
    );
    const nearest = from ? nearestFirst(from, free)[0] : undefined;
    if (nearest) {
      taken.add(slot(nearest.id, b));
      plan.moved.push({ bookingId: b.id, stallId: nearest.id, from: b.code, to: nearest.code });
    } else plan.cancelled.push({ bookingId: b.id, from: b.code });
  }
  return plan;
}
