// A layout as the editor sends it: one GeoJSON FeatureCollection (RFC 7946, WGS84) holding the
// zone boundary, the stalls with their attributes, fire lanes and the points of exits,
// extinguishers, water and power. Read strictly: anything malformed is refused with a message
// that says what and where, and nothing is stored.
import { z } from "zod";
import { stallSize, toMetres, type Position } from "./geo";
import { polygonArea, segmentsIntersect, type Point } from "./plane";

export const MAX_STALLS = 2000;
export const MAX_OTHER_FEATURES = 1000;

export interface StallDocument {
  code: string;
  ring: Position[];
  categories: string[];
  power: boolean;
  water: boolean;
  feeFen: number;
  publicWelfare: boolean;
}

export interface LayoutDocument {
  boundary: Position[];
  stalls: StallDocument[];
  fireLanes: { line: Position[]; widthM: number | null }[];
  exits: Position[];
  extinguishers: Position[];
  waterPoints: Position[];
  powerPoints: Position[];
}

const position = z
  .tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)])
  .rest(z.number().finite());
const polygonGeometry = z.object({
  type: z.literal("Polygon"),
  coordinates: z.array(z.array(position).min(4).max(200)).min(1).max(1),
});
const pointGeometry = z.object({ type: z.literal("Point"), coordinates: position });
const lineGeometry = z.object({
  type: z.literal("LineString"),
  coordinates: z.array(position).min(2).max(200),
});
const flag = z.boolean().optional().default(false);

const feature = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("boundary"), geometry: polygonGeometry }),
  z.object({
    kind: z.literal("stall"),
    geometry: polygonGeometry,
    code: z.string().regex(/^[A-Za-z0-9]{1,4}(-[0-9]{1,4})?$/),
    categories: z
      .array(z.string().regex(/^[a-z_]{1,40}$/))
      .min(1)
      .max(10),
    power: flag,
    water: flag,
    fee_fen: z.number().int().min(0).max(1_000_000),
    public_welfare: flag,
  }),
  z.object({
    kind: z.literal("fire_lane"),
    geometry: lineGeometry,
    width_m: z.number().min(3).max(20).nullable().optional(),
  }),
  z.object({
    kind: z.enum(["exit", "extinguisher", "water_point", "power_point"]),
    geometry: pointGeometry,
  }),
]);

const collection = z.object({
  type: z.literal("FeatureCollection"),
  features: z
    .array(
      z.object({
        type: z.literal("Feature"),
        geometry: z.unknown(),
        properties: z.record(z.string(), z.unknown()),
      }),
    )
    .max(MAX_STALLS + MAX_OTHER_FEATURES + 1),
});

/** Why a document is refused; the page says it as `layout.error.<code>`. */
export type DocumentError =
  | "badBoundary"
  | "badFeature"
  | "badStall"
  | "badStallShape"
  | "duplicateCode"
  | "notGeoJson"
  | "oneBoundary"
  | "tooManyFeatures"
  | "tooManyStalls";

export type DocumentResult =
  | { ok: true; document: LayoutDocument }
  | { ok: false; error: DocumentError; params?: Record<string, string | number> };

const closeRing = (ring: Position[]): Position[] => {
  const plain = ring.map((p) => [p[0], p[1]] as Position);
  const [first, last] = [plain[0]!, plain[plain.length - 1]!];
  return first[0] === last[0] && first[1] === last[1] ? plain : [...plain, first];
};

/** A ring whose edges do not cross each other, with some area. */
function isSimple(ring: Position[], origin: Position): boolean {
  const points: Point[] = ring.slice(0, -1).map((p) => toMetres(origin, p));
  if (points.length < 3 || polygonArea(points) < 0.01) return false;
  const n = points.length;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a corner
      if (segmentsIntersect(points[i]!, points[(i + 1) % n]!, points[j]!, points[(j + 1) % n]!))
        return false;
    }
  return true;
}

function isConvex(ring: Position[], origin: Position): boolean {
  const points: Point[] = ring.slice(0, -1).map((p) => toMetres(origin, p));
  let sign = 0;
  for (let i = 0; i < points.length; i++) {
    const [a, b, c] = [
      points[i]!,
      points[(i + 1) % points.length]!,
      points[(i + 2) % points.length]!,
    ];
    const turn = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(turn) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(turn);
    else if (Math.sign(turn) !== sign) return false;
  }
  return sign !== 0;
}

/** Reads the editor's FeatureCollection; `categories` are the slugs a stall may name. */
export function readLayoutDocument(input: unknown, categories: string[]): DocumentResult {
  const outer = collection.safeParse(input);
  if (!outer.success) return { ok: false, error: "notGeoJson" };
  const document: LayoutDocument = {
    boundary: [],
    stalls: [],
    fireLanes: [],
    exits: [],
    extinguishers: [],
    waterPoints: [],
    powerPoints: [],
  };
  let boundaries = 0;
  for (const [index, raw] of outer.data.features.entries()) {
    const parsed = feature.safeParse({ ...raw.properties, geometry: raw.geometry });
    if (!parsed.success) {
      const code = typeof raw.properties.code === "string" ? raw.properties.code.slice(0, 20) : "";
      return code
        ? { ok: false, error: "badStall", params: { code } }
        : { ok: false, error: "badFeature", params: { number: index + 1 } };
    }
    const f = parsed.data;
    switch (f.kind) {
      case "boundary":
        boundaries += 1;
        document.boundary = closeRing(f.geometry.coordinates[0]! as Position[]);
        break;
      case "stall": {
        const unknown = f.categories.find((c) => !categories.includes(c));
        if (unknown) return { ok: false, error: "badStall", params: { code: f.code } };
        document.stalls.push({
          code: f.code.toUpperCase(),
          ring: closeRing(f.geometry.coordinates[0]! as Position[]),
          categories: [...new Set(f.categories)],
          power: f.power,
          water: f.water,
          feeFen: f.fee_fen,
          publicWelfare: f.public_welfare,
        });
        break;
      }
      case "fire_lane":
        document.fireLanes.push({
          line: f.geometry.coordinates.map((p) => [p[0], p[1]] as Position),
          widthM: f.width_m ?? null,
        });
        break;
      default: {
        const point: Position = [f.geometry.coordinates[0], f.geometry.coordinates[1]];
        const list = {
          exit: document.exits,
          extinguisher: document.extinguishers,
          water_point: document.waterPoints,
          power_point: document.powerPoints,
        }[f.kind];
        list.push(point);
      }
    }
  }
  if (boundaries !== 1) return { ok: false, error: "oneBoundary" };
  const origin = document.boundary[0]!;
  if (!isSimple(document.boundary, origin)) return { ok: false, error: "badBoundary" };
  if (document.stalls.length > MAX_STALLS)
    return { ok: false, error: "tooManyStalls", params: { max: MAX_STALLS } };
  if (
    document.fireLanes.length +
      document.exits.length +
      document.extinguishers.length +
      document.waterPoints.length +
      document.powerPoints.length >
    MAX_OTHER_FEATURES
  )
    return {
      ok: false,
      error: "tooManyFeatures",
      params: { max: MAX_OTHER_FEATURES },
    };
  const seen = new Set<string>();
  for (const stall of document.stalls) {
    if (seen.has(stall.code))
      return { ok: false, error: "duplicateCode", params: { code: stall.code } };
    seen.add(stall.code);
    if (!isSimple(stall.ring, origin) || !isConvex(stall.ring, origin))
      return { ok: false, error: "badStallShape", params: { code: stall.code } };
    // Stalls are metres across, not kilometres: a stray point far away is a drawing mistake.
    const [w, d] = stallSize(stall.ring, origin);
    if (w > 50 || d > 50)
      return { ok: false, error: "badStallShape", params: { code: stall.code } };
  }
  return { ok: true, document };
}

/** The editor's FeatureCollection for a stored layout: the inverse of `readLayoutDocument`. */
export function toFeatureCollection(document: LayoutDocument) {
  const feature = (geometry: object, properties: Record<string, unknown>) => ({
    type: "Feature" as const,
    geometry,
    properties,
  });
  const point = (kind: string) => (p: Position) =>
    feature({ type: "Point", coordinates: p }, { kind });
  return {
    type: "FeatureCollection" as const,
    features: [
      feature({ type: "Polygon", coordinates: [document.boundary] }, { kind: "boundary" }),
      ...document.stalls.map((s) =>
        feature(
          { type: "Polygon", coordinates: [s.ring] },
          {
            kind: "stall",
            code: s.code,
            categories: s.categories,
            power: s.power,
            water: s.water,
            fee_fen: s.feeFen,
            public_welfare: s.publicWelfare,
          },
        ),
      ),
      ...document.fireLanes.map((l) =>
        feature(
          { type: "LineString", coordinates: l.line },
          { kind: "fire_lane", width_m: l.widthM },
        ),
      ),
      ...document.exits.map(point("exit")),
      ...document.extinguishers.map(point("extinguisher")),
      ...document.waterPoints.map(point("water_point")),
      ...document.powerPoints.map(point("power_point")),
    ],
  };
}

export interface LayoutDiff {
  added: string[];
  removed: string[];
  moved: string[];
  changed: string[];
}

/** What a new version does to the stalls of the approved one, stall by stall (by code). */
export function diffLayouts(before: StallDocument[], after: StallDocument[]): LayoutDiff {
  const old = new Map(before.map((s) => [s.code, s]));
  const now = new Map(after.map((s) => [s.code, s]));
  const origin = before[0]?.ring[0] ?? after[0]?.ring[0] ?? [0, 0];
  const moved = (a: StallDocument, b: StallDocument) =>
    a.ring.length !== b.ring.length ||
    a.ring.some((p, i) => {
      const [x1, y1] = toMetres(origin, p);
      const [x2, y2] = toMetres(origin, b.ring[i]!);
      return Math.hypot(x2 - x1, y2 - y1) > 0.1;
    });
  const changed = (a: StallDocument, b: StallDocument) =>
    a.power !== b.power ||
    a.water !== b.water ||
    a.feeFen !== b.feeFen ||
    a.publicWelfare !== b.publicWelfare ||
    [...a.categories].sort().join() !== [...b.categories].sort().join();
  const byCode = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
  return {
    added: [...now.keys()].filter((c) => !old.has(c)).sort(byCode),
    removed: [...old.keys()].filter((c) => !now.has(c)).sort(byCode),
    moved: [...now.keys()]
      .filter((c) => old.has(c) && moved(old.get(c)!, now.get(c)!))
      .sort(byCode),
    changed: [...now.keys()]
      .filter((c) => old.has(c) && changed(old.get(c)!, now.get(c)!))
      .sort(byCode),
  };
}
