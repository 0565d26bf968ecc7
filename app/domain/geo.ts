// Plane geometry on small areas (a market is at most a few hundred metres across): a local
// east/north metre grid around an origin, converted to WGS84 with an equirectangular projection.
// The error over 1 km is far below a centimetre, well under what a stall layout needs.

export type Position = [lng: number, lat: number];
export type Ring = Position[];

export interface PolygonGeometry {
  type: "Polygon";
  coordinates: Ring[];
}

const METRES_PER_DEGREE_LAT = 111_320;

export function metresPerDegreeLng(lat: number): number {
  return METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
}

/** The point `east` and `north` metres from `origin`. */
export function offset(origin: Position, east: number, north: number): Position {
  const [lng, lat] = origin;
  return [
    round7(lng + east / metresPerDegreeLng(lat)),
    round7(lat + north / METRES_PER_DEGREE_LAT),
  ];
}

/** Metres east and north of `origin` to `point`. */
export function toMetres(origin: Position, point: Position): [east: number, north: number] {
  return [
    (point[0] - origin[0]) * metresPerDegreeLng(origin[1]),
    (point[1] - origin[1]) * METRES_PER_DEGREE_LAT,
  ];
}

// Seven decimals is about 1 cm: enough for stalls, and keeps GeoJSON short.
function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

function rotate(x: number, y: number, degrees: number): [number, number] {
  const r = (degrees * Math.PI) / 180;
  return [x * Math.cos(r) - y * Math.sin(r), x * Math.sin(r) + y * Math.cos(r)];
}

/** The point at (x, y) metres on a local grid turned by `rotationDeg` around `origin`. */
export function gridPoint(origin: Position, x: number, y: number, rotationDeg = 0): Position {
  const [east, north] = rotate(x, y, rotationDeg);
  return offset(origin, east, north);
}

/**
 * A rectangle `width` × `depth` metres whose lower-left corner is at (x, y) on the local grid,
 * the whole grid turned by `rotationDeg` (counter-clockwise) around `origin`.
 * The ring is closed and counter-clockwise, as RFC 7946 asks of exterior rings.
 */
export function rectangle(
  origin: Position,
  x: number,
  y: number,
  width: number,
  depth: number,
  rotationDeg = 0,
): PolygonGeometry {
  const corners: [number, number][] = [
    [x, y],
    [x + width, y],
    [x + width, y + depth],
    [x, y + depth],
  ];
  const ring = corners.map(([cx, cy]) => gridPoint(origin, cx, cy, rotationDeg));
  ring.push(ring[0]!);
  return { type: "Polygon", coordinates: [ring] };
}

/** The mean of a ring's distinct vertices: the visual centre of a convex market area. */
export function ringCenter(ring: Ring): Position {
  const points =
    ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
  const sum = points.reduce<[number, number]>((acc, p) => [acc[0] + p[0], acc[1] + p[1]], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    Math.abs(value[0]) <= 180 &&
    Math.abs(value[1]) <= 90
  );
}

/** Reads a stored GeoJSON Polygon; null when the text is not one (closed rings of ≥ 4 points). */
export function parsePolygon(text: string): PolygonGeometry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== "Polygon" || !Array.isArray(coordinates) || coordinates.length === 0) return null;
  for (const ring of coordinates) {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) return null;
    if (!samePoint(ring[0] as Position, ring[ring.length - 1] as Position)) return null;
  }
  return { type: "Polygon", coordinates: coordinates as Ring[] };
}

/** Great-circle distance in metres (haversine): plenty for "which market is nearest". */
export function distanceMetres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** The lengths of a stall's first two sides, in metres: its width along the front and depth. */
export function stallSize(ring: Position[], origin: Position = ring[0]!): [number, number] {
  const [a, b, c] = [ring[0]!, ring[1]!, ring[2]!].map((p) => toMetres(origin, p));
  const round = (v: number) => Math.round(v * 100) / 100;
  return [
    round(Math.hypot(b![0] - a![0], b![1] - a![1])),
    round(Math.hypot(c![0] - b![0], c![1] - b![1])),
  ];
}
