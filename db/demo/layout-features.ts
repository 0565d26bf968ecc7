// What a demo layout has besides stalls, placed the way a market office would: a fire lane
// down the widest gap between rows, exits along every side at most 50 m apart, an extinguisher
// every 20 m along each row's front, and power points along the rows that have power. Each demo
// layout passes every check with the default rules (db/seed.test.ts holds them to it).
import { gridPoint, offset, type Position } from "../../app/domain/geo";
import type { LayoutFeatureKind } from "../schema";
import { COUNTY_SEAT, type ZoneSpec } from "./zones";

export interface FeatureSpec {
  kind: LayoutFeatureKind;
  geometry:
    { type: "Point"; coordinates: Position } | { type: "LineString"; coordinates: Position[] };
  width_m: number | null;
}

const EXIT_SPACING = 50;
const EXTINGUISHER_SPACING = 20;
const POWER_SPACING = 40;

/** `count` points evenly inside (0, length): the middle one when one is enough. */
const spread = (length: number, spacing: number) => {
  const count = Math.max(1, Math.ceil(length / spacing));
  return Array.from({ length: count }, (_, i) => ((i + 1) * length) / (count + 1));
};

export function layoutFeatures(spec: ZoneSpec): FeatureSpec[] {
  const origin = offset(COUNTY_SEAT, spec.east, spec.north);
  const at = (x: number, y: number) => gridPoint(origin, x, y, spec.rotation);
  const point = (kind: LayoutFeatureKind, x: number, y: number): FeatureSpec => ({
    kind,
    geometry: { type: "Point", coordinates: at(x, y) },
    width_m: null,
  });
  const features: FeatureSpec[] = [];

  const rows = [...spec.rows].sort((a, b) => a.y - b.y);
  let lane: { y: number; gap: number } | null = null;
  for (let i = 0; i + 1 < rows.length; i++) {
    const gap = rows[i + 1]!.y - (rows[i]!.y + rows[i]!.depth);
    if (gap >= 4 && (!lane || gap > lane.gap))
      lane = { y: rows[i]!.y + rows[i]!.depth + gap / 2, gap };
  }
  if (lane)
    features.push({
      kind: "fire_lane",
      geometry: { type: "LineString", coordinates: [at(0, lane.y), at(spec.width, lane.y)] },
      width_m: null,
    });

  for (const x of spread(spec.width, EXIT_SPACING))
    features.push(point("exit", x, 0), point("exit", x, spec.height));
  for (const y of spread(spec.height, EXIT_SPACING))
    features.push(point("exit", 0, y), point("exit", spec.width, y));

  for (const row of spec.rows) {
    const length = row.count * (row.width + row.gap) - row.gap;
    // Just in front of the row, in its aisle.
    const front = row.y - 0.5;
    for (const x of spread(length, EXTINGUISHER_SPACING))
      features.push(point("extinguisher", row.x + x, front));
    if (row.power)
      for (const x of spread(length, POWER_SPACING))
        features.push(point("power_point", row.x + x, front));
    if (row.water) features.push(point("water_point", row.x + length / 2, front));
  }
  return features;
}
