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

/**
 * The stalls as one JSON string for a page's data: serialising thousands of small objects one by
 * one costs tens of milliseconds a request, one string almost nothing.
 */
export function packStalls(stalls: MapStall[]): string {
  return JSON.stringify(stalls);
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
  const unpacked = useMemo(() => JSON.parse(stalls) as MapStall[], [stalls]);
  return (
    <div className="map-box map-box-short" role="region" aria-label={label}>
      <ClientOnly fallback={<div className="map-fallback">{loading}</div>}>
        {() => (
          <StallMapLeaflet
            boundary={boundary}
            stalls={unpacked}
            tiles={tiles}
            onSelect={onSelect}
          />
        )}
      </ClientOnly>
    </div>
  );
}
