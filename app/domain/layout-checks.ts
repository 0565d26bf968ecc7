// The safety checks a stall layout must pass before its stalls can be booked. Computed on the
// server on every save of a draft; the county office sees the results and may approve a layout
// with a failing check only by writing down why. Geometry arrives as WGS84 and is checked on a
// local metre grid (app/domain/plane.ts); containment and the covered share use turf.js on the
// geographic shapes themselves (docs/decisions/009-layout-checks.md).
import { area } from "@turf/area";
import { booleanWithin } from "@turf/boolean-within";
import { polygon } from "@turf/helpers";
import { toMetres, type Position } from "./geo";
import {
  boxOf,
  centroid,
  convexOverlapDepth,
  Grid,
  polygonArea,
  polygonDistance,
  polygonSegmentDistance,
  type Point,
} from "./plane";

export interface LayoutRules {
  fireLaneWidthM: number;
  aisleMinM: number;
  extinguisherReachM: number;
  exitReachM: number;
  powerReachM: number;
  /** The largest share of the zone's area that stalls may cover, 0–1. */
  maxCoverage: number;
}

/**
 * Defaults, each with where it comes from. A zone's managers may set their own values; the
 * office sees them beside every check.
 */
export const DEFAULT_LAYOUT_RULES: LayoutRules = {
  // GB 50016 (fire code for buildings) asks for fire-engine lanes at least 4 m wide.
  fireLaneWidthM: 4,
  // Walkways between facing rows wide enough for two people and a cart to pass; many city
  // market rules in China ask for 2 m or more.
  aisleMinM: 2,
  // GB 50140 sets a portable extinguisher's greatest protection distance at 15–25 m by hazard
  // class; 20 m is the middle (ordinary hazard, class A fires).
  extinguisherReachM: 20,
  // Everyone can reach an exit within 40 m in a straight line: a common evacuation distance
  // for open assembly areas.
  exitReachM: 40,
  // The common length of an outdoor extension cable; longer runs are a trip and shock hazard.
  powerReachM: 30,
  // Half the area stays open for walking, queuing and escape.
  maxCoverage: 0.5,
};

export const RULE_LIMITS: Record<keyof LayoutRules, [min: number, max: number]> = {
  fireLaneWidthM: [3, 12],
  aisleMinM: [1, 10],
  extinguisherReachM: [5, 50],
  exitReachM: [10, 100],
  powerReachM: [5, 100],
  maxCoverage: [0.1, 0.9],
};

export interface DraftStall {
  code: string;
  /** Exterior ring, [lng, lat]; closed or not. */
  ring: Position[];
  power: boolean;
}

export interface DraftLayout {
  boundary: Position[];
  stalls: DraftStall[];
  fireLanes: { line: Position[]; widthM: number | null }[];
  exits: Position[];
  extinguishers: Position[];
  powerPoints: Position[];
}

export const CHECK_IDS = [
  "inside",
  "overlap",
  "fireLanes",
  "aisles",
  "extinguishers",
  "exits",
  "power",
  "coverage",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface CheckResult {
  id: CheckId;
  passed: boolean;
  /** The codes of the stalls that fail it, in code order. */
  offenders: string[];
  /** The figure measured and its limit, where the check has one (coverage: shares). */
  value?: number;
  limit?: number;
}

/** Stalls closer than this are back to back (a double row), not two rows across an aisle. */
export const BACK_TO_BACK_M = 0.3;
/** Measuring slack: a centimetre either way is drawing noise, not a breach. */
const EPSILON = 0.01;

const open = (ring: Position[]) =>
  ring.length > 1 &&
  ring[0]![0] === ring[ring.length - 1]![0] &&
  ring[0]![1] === ring[ring.length - 1]![1]
    ? ring.slice(0, -1)
    : ring;
const closed = (ring: Position[]) => [...open(ring), open(ring)[0]!];

/** The row a stall belongs to: its code before the last dash ("B" of "B-07"). */
export function rowOf(code: string): string {
  const dash = code.lastIndexOf("-");
  return dash > 0 ? code.slice(0, dash) : code;
}

/** How far two stalls overlap along the first one's front (its first edge). */
function alongOverlap(first: Point[], second: Point[]): number {
  const [a, b] = [first[0]!, first[1]!];
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  const axis: Point = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
  const span = (ring: Point[]) => {
    const values = ring.map((p) => p[0] * axis[0] + p[1] * axis[1]);
    return [Math.min(...values), Math.max(...values)] as const;
  };
  const [minA, maxA] = span(first);
  const [minB, maxB] = span(second);
  return Math.min(maxA, maxB) - Math.max(minA, minB);
}

export function checkLayout(draft: DraftLayout, rules: LayoutRules): CheckResult[] {
  const origin = open(draft.boundary)[0] ?? [0, 0];
  const m = (p: Position): Point => toMetres(origin, p);
  const stalls = draft.stalls.map((s) => {
    const ring = open(s.ring).map(m);
    return { ...s, ring, box: boxOf(ring), centre: centroid(ring) };
  });
  const grid = new Grid<(typeof stalls)[number]>(10);
  for (const s of stalls) grid.insert(s.box, s);
  const sortCodes = (codes: Iterable<string>) =>
    [...new Set(codes)].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const result = (id: CheckId, offenders: Iterable<string>, extra = {}): CheckResult => {
    const list = sortCodes(offenders);
    return { id, passed: list.length === 0, offenders: list, ...extra };
  };

  // Inside the boundary: turf on the geographic shapes.
  const zone = draft.boundary.length >= 3 ? polygon([closed(draft.boundary)]) : null;
  const outside = draft.stalls
    .filter((s) => !zone || !booleanWithin(polygon([closed(s.ring)]), zone))
    .map((s) => s.code);

  // No two stalls overlap (touching is allowed).
  const overlapping: string[] = [];
  for (const s of stalls)
    for (const other of grid.query(s.box))
      if (other.code > s.code && convexOverlapDepth(s.ring, other.ring) > EPSILON)
        overlapping.push(s.code, other.code);

  // Fire lanes: no stall within half the lane's width of its centre line.
  const inLanes: string[] = [];
  for (const lane of draft.fireLanes) {
    const half = (lane.widthM ?? rules.fireLaneWidthM) / 2;
    const line = lane.line.map(m);
    for (let i = 0; i + 1 < line.length; i++) {
      const [a, b] = [line[i]!, line[i + 1]!];
      for (const s of grid.query(boxOf([a, b], half)))
        if (polygonSegmentDistance(s.ring, a, b) < half - EPSILON) inLanes.push(s.code);
    }
  }

  // Aisles: stalls of different rows that face each other (their fronts overlap along the row)
  // are back to back or at least the aisle apart. Stalls only diagonal to each other meet at a
  // corner, where the walkway opens out.
  const narrow: string[] = [];
  for (const s of stalls)
    for (const other of grid.query(boxOf(s.ring, rules.aisleMinM))) {
      if (other.code <= s.code || rowOf(other.code) === rowOf(s.code)) continue;
      if (alongOverlap(s.ring, other.ring) <= EPSILON) continue;
      const gap = polygonDistance(s.ring, other.ring);
      if (gap >= BACK_TO_BACK_M && gap < rules.aisleMinM - EPSILON) narrow.push(s.code, other.code);
    }

  // Reach: the farthest corner of a stall within reach of the nearest point of a kind.
  const reach = (points: Position[], limit: number, which: typeof stalls) => {
    const targets = points.map(m);
    return which
      .filter(
        (s) =>
          !targets.some((t) =>
            s.ring.every((corner) => Math.hypot(corner[0] - t[0], corner[1] - t[1]) <= limit),
          ),
      )
      .map((s) => s.code);
  };

  // Share of the zone covered by stalls, with turf's geodesic areas.
  const zoneArea = zone ? area(zone) : 0;
  const stallArea = stalls.reduce((sum, s) => sum + polygonArea(s.ring), 0);
  const coverage = zoneArea > 0 ? stallArea / zoneArea : 1;

  return [
    result("inside", outside),
    result("overlap", overlapping),
    result("fireLanes", inLanes),
    result("aisles", narrow),
    result("extinguishers", reach(draft.extinguishers, rules.extinguisherReachM, stalls)),
    result("exits", reach(draft.exits, rules.exitReachM, stalls)),
    result(
      "power",
      reach(
        draft.powerPoints,
        rules.powerReachM,
        stalls.filter((s) => s.power),
      ),
    ),
    {
      id: "coverage",
      passed: coverage <= rules.maxCoverage + 1e-9,
      offenders: [],
      value: Math.round(coverage * 1000) / 1000,
      limit: rules.maxCoverage,
    },
  ];
}
