// A market's stalls on a map, coloured by what they mean to the reader. Leaflet runs only in the
// browser; the list of stalls beside the map always holds the same information.
import { useEffect, useMemo, useState } from "react";
import type { Position } from "~/domain/geo";
import { ClientOnly } from "./client-only";
import { StallMapLeaflet } from "./stall-map.client";
import type { TileSettings } from "./zone-map";

export type StallTone = "free" | "other" | "taken" | "held" | "mine";

export interface MapStall {
  id: number;
  code: string;
  tone: StallTone;
  /** A category's colour: drawn filled when the stall is taken, as an outline when free. */
  color?: string;
  /** What a screen reader says for the stall, e.g. "A-05 · 空闲，适合你". */
  label: string;
  ring: Position[];
}

/** A millionth of a degree: about 10 cm on the ground, finer than any stall is drawn. */
const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/** A stall as it travels in the page: [id, code, tone, colour or 0, label, x0, y0, x1, y1, …]. */
type PackedStall = [number, string, StallTone, string | 0, string, ...number[]];

/**
 * The stalls as one JSON string for a page's data: serialising thousands of small objects one by
 * one costs tens of milliseconds a request, one string almost nothing. Each stall is a flat
 * array (no key names), its corners rounded to a millionth of a degree and the closing corner
 * left out: a market of 2,000 stalls sent 660 KB of map data as objects, this is about a third.
 */
export function packStalls(stalls: MapStall[]): string {
  const packed = stalls.map(
    (stall) =>
      `[${stall.id},${JSON.stringify(stall.code)},"${stall.tone}",${stall.color ? JSON.stringify(stall.color) : 0},${JSON.stringify(stall.label)}${packedCorners(stall.ring)}]`,
  );
  return `[${packed.join(",")}]`;
}

/**
 * A ring's corners as they travel (",x0,y0,x1,y1,…"), worked out once per ring: an approved
 * layout's stalls are read once and kept (app/models/zone.server.ts), so the same rings come back
 * on every request, and rounding 2,000 stalls' corners was a tenth of a large page's time.
 */
const cornersOf = new WeakMap<Position[], string>();

function packedCorners(ring: Position[]): string {
  let text = cornersOf.get(ring);
  if (text === undefined) {
    const [first, ...rest] = ring;
    const last = rest.at(-1);
    const closed = last && first && last[0] === first[0] && last[1] === first[1];
    const corners = closed ? ring.slice(0, -1) : ring;
    text = corners
      .map(([x, y]) => `,${JSON.stringify(round(x))},${JSON.stringify(round(y))}`)
      .join("");
    cornersOf.set(ring, text);
  }
  return text;
}

export function unpackStalls(packed: string): MapStall[] {
  return (JSON.parse(packed) as PackedStall[]).map(([id, code, tone, color, label, ...xy]) => {
    const ring: Position[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2) ring.push([xy[i]!, xy[i + 1]!]);
    return { id, code, tone, ...(color ? { color } : {}), label, ring };
  });
}

/** A stall's tone as one letter of a page's `tones`. */
const TONE_LETTER: Record<StallTone, string> = {
  free: "f",
  other: "o",
  taken: "t",
  held: "h",
  mine: "m",
};
const LETTER_TONE = new Map(
  Object.entries(TONE_LETTER).map(([tone, letter]) => [letter, tone as StallTone]),
);

/**
 * What a page sends of a published layout's map: which layout, and each stall's tone as one
 * letter, in the layout's order. The outlines come from the layout's own file
 * (`/layouts/<id>/stalls.json`), which never changes and which the phone keeps: a 2,000-stall
 * market sent 180 KB of outlines in every page's data, this is 2 KB.
 */
export interface PublishedMap {
  layout: number;
  tones: string;
}

/** The map state of stalls read from a published layout (`layout_id` on each), in its order. */
export function publishedMap<S extends { layout_id: number }>(
  stalls: S[],
  toneOf: (stall: S) => StallTone,
): PublishedMap | null {
  if (stalls.length === 0) return null;
  return {
    layout: stalls[0]!.layout_id,
    tones: stalls.map((s) => TONE_LETTER[toneOf(s)]).join(""),
  };
}

export const geometryUrl = (layout: number) => `/layouts/${layout}/stalls.json`;

/** A stall as a layout's file carries it: [id, code, x0, y0, x1, y1, …]. */
type PackedGeometry = [number, string, ...number[]];
export type StallOutline = Pick<MapStall, "id" | "code" | "ring">;

const geometryOf = new WeakMap<readonly StallOutline[], string>();

/** A published layout's outlines as its file sends them, worked out once per kept layout. */
export function packGeometry(stalls: readonly StallOutline[]): string {
  let text = geometryOf.get(stalls);
  if (text === undefined) {
    text = `[${stalls.map((s) => `[${s.id},${JSON.stringify(s.code)}${packedCorners(s.ring)}]`).join(",")}]`;
    geometryOf.set(stalls, text);
  }
  return text;
}

export function unpackGeometry(packed: string): StallOutline[] {
  return (JSON.parse(packed) as PackedGeometry[]).map(([id, code, ...xy]) => {
    const ring: Position[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2) ring.push([xy[i]!, xy[i + 1]!]);
    return { id, code, ring };
  });
}

/** A published map's stalls drawn: its outlines, the page's tones, the page's words and colours. */
export function stallsOnMap(
  outlines: StallOutline[],
  tones: string,
  describe: Describe,
): MapStall[] | null {
  if (outlines.length !== tones.length) return null;
  return outlines.map((outline, i) => {
    const tone = LETTER_TONE.get(tones[i]!) ?? "taken";
    return { ...outline, tone, ...describe({ ...outline, tone }, i) };
  });
}

/** One colour a stall, as a page sends them: the colours once, and a letter a stall ("a" the first). */
export interface PackedColors {
  palette: string[];
  letters: string;
}

export function packColors(colors: string[]): PackedColors {
  const palette: string[] = [];
  let letters = "";
  for (const color of colors) {
    let at = palette.indexOf(color);
    if (at < 0) at = palette.push(color) - 1;
    letters += String.fromCharCode(97 + at);
  }
  return { palette, letters };
}

export function colorAt(colors: PackedColors, index: number): string | undefined {
  const letter = colors.letters.charCodeAt(index);
  return Number.isNaN(letter) ? undefined : colors.palette[letter - 97];
}

/** What a page says of a stall on its map (a screen reader's name) and its colour, if any. */
export type Describe = (
  stall: { id: number; code: string; tone: StallTone },
  index: number,
) => { label: string; color?: string };

export function StallMap({
  boundary,
  stalls,
  published,
  describe,
  tiles,
  label,
  loading,
  unavailable,
  onSelect,
}: {
  boundary: Position[];
  /** A draft's stalls, from `packStalls`. */
  stalls?: string;
  /** Or a published layout's, from `publishedMap`, described by the page. */
  published?: PublishedMap | null;
  describe?: Describe;
  tiles: TileSettings;
  label: string;
  loading: string;
  /** Said when a published layout's outlines could not be fetched. */
  unavailable?: string;
  onSelect?: (stallId: number) => void;
}) {
  return (
    <div className="map-box map-box-short" role="region" aria-label={label}>
      <ClientOnly fallback={<div className="map-fallback">{loading}</div>}>
        {() =>
          published && describe ? (
            <FetchedMap
              boundary={boundary}
              published={published}
              describe={describe}
              tiles={tiles}
              loading={loading}
              unavailable={unavailable ?? loading}
              onSelect={onSelect}
            />
          ) : (
            <UnpackedMap
              boundary={boundary}
              stalls={stalls ?? "[]"}
              tiles={tiles}
              onSelect={onSelect}
            />
          )
        }
      </ClientOnly>
    </div>
  );
}

/** The map itself, in the browser only: the server never unpacks what only the map reads. */
function UnpackedMap({
  stalls,
  ...props
}: {
  boundary: Position[];
  stalls: string;
  tiles: TileSettings;
  onSelect?: (stallId: number) => void;
}) {
  const unpacked = useMemo(() => unpackStalls(stalls), [stalls]);
  return <StallMapLeaflet {...props} stalls={unpacked} />;
}

/** Each layout's outlines fetched once per page load; the browser's cache keeps the file. */
const fetched = new Map<string, Promise<StallOutline[]>>();

function fetchOutlines(url: string): Promise<StallOutline[]> {
  let outlines = fetched.get(url);
  if (!outlines) {
    outlines = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.text();
      })
      .then(unpackGeometry);
    fetched.set(url, outlines);
    // A failure is not kept: the next page that shows the map asks again.
    outlines.catch(() => fetched.delete(url));
  }
  return outlines;
}

function FetchedMap({
  published,
  describe,
  loading,
  unavailable,
  ...props
}: {
  boundary: Position[];
  published: PublishedMap;
  describe: Describe;
  tiles: TileSettings;
  loading: string;
  unavailable: string;
  onSelect?: (stallId: number) => void;
}) {
  const url = geometryUrl(published.layout);
  const [outlines, setOutlines] = useState<{ url: string; stalls: StallOutline[] | null }>();
  useEffect(() => {
    let current = true;
    fetchOutlines(url).then(
      (stalls) => current && setOutlines({ url, stalls }),
      () => current && setOutlines({ url, stalls: null }),
    );
    return () => {
      current = false;
    };
  }, [url]);
  const stalls = useMemo(
    () =>
      outlines?.url === url && outlines.stalls
        ? stallsOnMap(outlines.stalls, published.tones, describe)
        : null,
    [outlines, url, published.tones, describe],
  );
  if (outlines?.url !== url) return <div className="map-fallback">{loading}</div>;
  if (!stalls) return <div className="map-fallback">{unavailable}</div>;
  return <StallMapLeaflet {...props} stalls={stalls} />;
}
