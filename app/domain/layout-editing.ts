// What the layout editor does to a draft, as pure functions on its FeatureCollection: lay a row
// of stalls, move, copy or delete a whole row, change one stall. The editor keeps each result
// in its undo history; the server reads the last one strictly when it is saved.
import { offset, rectangle, toMetres, type Position } from "./geo";
import { rowOf } from "./layout-checks";

export interface EditorFeature {
  type: "Feature";
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> & { kind: string };
}

export interface EditorCollection {
  type: "FeatureCollection";
  features: EditorFeature[];
}

export interface RowSpec {
  letter: string;
  count: number;
  widthM: number;
  depthM: number;
  gapM: number;
  /** Where the row starts, metres along and across the market from its first corner. */
  eastM: number;
  northM: number;
  /** The row's direction in degrees counter-clockwise from east. */
  angleDeg: number;
  categories: string[];
  feeFen: number;
  power: boolean;
  water: boolean;
  publicWelfare: boolean;
}

const isStall = (f: EditorFeature) => f.properties.kind === "stall";
const codeOf = (f: EditorFeature) => String(f.properties.code ?? "");

export function boundaryRing(collection: EditorCollection): Position[] {
  const boundary = collection.features.find((f) => f.properties.kind === "boundary");
  return ((boundary?.geometry.coordinates as Position[][] | undefined)?.[0] ?? []) as Position[];
}

/** The direction of the market's first side: rows follow it unless told otherwise. */
export function marketAngle(collection: EditorCollection): number {
  const [a, b] = boundaryRing(collection);
  if (!a || !b) return 0;
  const [east, north] = toMetres(a, b);
  return Math.round(((Math.atan2(north, east) * 180) / Math.PI) * 10) / 10;
}

export function rowLetters(collection: EditorCollection): string[] {
  return [...new Set(collection.features.filter(isStall).map((f) => rowOf(codeOf(f))))].sort(
    (a, b) => a.localeCompare(b, "en", { numeric: true }),
  );
}

const code = (letter: string, n: number) => `${letter}-${String(n).padStart(2, "0")}`;

export function addRow(collection: EditorCollection, spec: RowSpec): EditorCollection {
  const corner = boundaryRing(collection)[0] ?? [0, 0];
  const angle = marketAngle(collection);
  // The start on the market's own grid, then the row along its own direction.
  const r = (angle * Math.PI) / 180;
  const start = offset(
    corner,
    spec.eastM * Math.cos(r) - spec.northM * Math.sin(r),
    spec.eastM * Math.sin(r) + spec.northM * Math.cos(r),
  );
  return layRow(collection, spec, start);
}

/** A row laid along a line drawn on the map: from its first point, in its first direction. */
export function addRowAlong(
  collection: EditorCollection,
  spec: Omit<RowSpec, "eastM" | "northM" | "angleDeg">,
  line: Position[],
): EditorCollection {
  const [a, b] = [line[0]!, line[1] ?? line[0]!];
  const [east, north] = toMetres(a, b);
  const angleDeg = (Math.atan2(north, east) * 180) / Math.PI;
  return layRow(collection, { ...spec, eastM: 0, northM: 0, angleDeg }, a);
}

function layRow(collection: EditorCollection, spec: RowSpec, start: Position): EditorCollection {
  const stalls: EditorFeature[] = Array.from({ length: spec.count }, (_, i) => ({
    type: "Feature",
    geometry: {
      type: "Polygon",
      coordinates: rectangle(
        start,
        i * (spec.widthM + spec.gapM),
        0,
        spec.widthM,
        spec.depthM,
        spec.angleDeg,
      ).coordinates,
    },
    properties: {
      kind: "stall",
      code: code(spec.letter, i + 1),
      categories: spec.categories,
      power: spec.power,
      water: spec.water,
      fee_fen: spec.feeFen,
      public_welfare: spec.publicWelfare,
    },
  }));
  return { ...collection, features: [...collection.features, ...stalls] };
}

const shift = (coordinates: unknown, east: number, north: number): unknown =>
  Array.isArray(coordinates) && typeof coordinates[0] === "number"
    ? offset(coordinates as Position, east, north)
    : (coordinates as unknown[]).map((c) => shift(c, east, north));

export function moveRow(
  collection: EditorCollection,
  letter: string,
  eastM: number,
  northM: number,
): EditorCollection {
  return {
    ...collection,
    features: collection.features.map((f) =>
      isStall(f) && rowOf(codeOf(f)) === letter
        ? {
            ...f,
            geometry: { ...f.geometry, coordinates: shift(f.geometry.coordinates, eastM, northM) },
          }
        : f,
    ),
  };
}

export function duplicateRow(
  collection: EditorCollection,
  letter: string,
  newLetter: string,
  eastM: number,
  northM: number,
): EditorCollection {
  const copies = collection.features
    .filter((f) => isStall(f) && rowOf(codeOf(f)) === letter)
    .map((f) => ({
      ...f,
      geometry: { ...f.geometry, coordinates: shift(f.geometry.coordinates, eastM, northM) },
      properties: { ...f.properties, code: `${newLetter}${codeOf(f).slice(letter.length)}` },
    }));
  return { ...collection, features: [...collection.features, ...copies] };
}

export function removeRow(collection: EditorCollection, letter: string): EditorCollection {
  return {
    ...collection,
    features: collection.features.filter((f) => !(isStall(f) && rowOf(codeOf(f)) === letter)),
  };
}

export function updateStall(
  collection: EditorCollection,
  stallCode: string,
  properties: Record<string, unknown> | null,
): EditorCollection {
  return {
    ...collection,
    features: collection.features.flatMap((f) =>
      isStall(f) && codeOf(f) === stallCode
        ? properties
          ? [{ ...f, properties: { ...f.properties, ...properties } }]
          : []
        : [f],
    ),
  };
}

/** The next free code in a row: "N-01", then "N-02"… */
export function nextCode(collection: EditorCollection, letter: string): string {
  const used = new Set(collection.features.filter(isStall).map(codeOf));
  for (let n = 1; ; n++) if (!used.has(code(letter, n))) return code(letter, n);
}

/** A stall made `widthM` × `depthM`, keeping its first corner and its direction. */
export function resizeStall(
  collection: EditorCollection,
  stallCode: string,
  widthM: number,
  depthM: number,
): EditorCollection {
  return {
    ...collection,
    features: collection.features.map((f) => {
      if (!isStall(f) || codeOf(f) !== stallCode) return f;
      const [a, b] = (f.geometry.coordinates as Position[][])[0]!;
      const [east, north] = toMetres(a!, b!);
      const angle = (Math.atan2(north, east) * 180) / Math.PI;
      return {
        ...f,
        geometry: {
          type: "Polygon",
          coordinates: rectangle(a!, 0, 0, widthM, depthM, angle).coordinates,
        },
      };
    }),
  };
}

/** The width of the `index`-th feature when it is a fire lane; null removes the lane. */
export function setLaneWidth(
  collection: EditorCollection,
  index: number,
  widthM: number | null,
): EditorCollection {
  return {
    ...collection,
    features: collection.features.flatMap((f, i) =>
      i === index && f.properties.kind === "fire_lane"
        ? widthM === null
          ? []
          : [{ ...f, properties: { ...f.properties, width_m: widthM } }]
        : [f],
    ),
  };
}
