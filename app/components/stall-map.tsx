// A market's stalls on a map, coloured by what they mean to the reader. Leaflet runs only in the
// browser; the list of stalls beside the map always holds the same information.
import { useMemo } from "react";
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

export function StallMap({
  boundary,
  stalls,
  tiles,
  label,
  loading,
  onSelect,
}: {
  boundary: Position[];
  /** From `packStalls`. */
  stalls: string;
  tiles: TileSettings;
  label: string;
  loading: string;
  onSelect?: (stallId: number) => void;
}) {
  return (
    <div className="map-box map-box-short" role="region" aria-label={label}>
      <ClientOnly fallback={<div className="map-fallback">{loading}</div>}>
        {() => (
          <UnpackedMap boundary={boundary} stalls={stalls} tiles={tiles} onSelect={onSelect} />
        )}
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
