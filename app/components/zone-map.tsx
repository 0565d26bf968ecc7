// The markets map. Leaflet runs only in the browser; until then (and without JavaScript) the
// same box lists the markets as links, so nothing on the map is out of reach.
import type { DayState } from "~/domain/market-hours";
import type { Position } from "~/domain/geo";
import { ClientOnly } from "./client-only";
import { ZoneMapLeaflet } from "./zone-map.client";
import type { TileSettings } from "~/domain/tile-sources";

export interface MapZone {
  slug: string;
  /** The zone's place in the list beside the map, shown on its pin. */
  number: number;
  name: string;
  state: DayState;
  stateLabel: string;
  hours: string;
  href: string;
  /** Exterior ring, [lng, lat]. */
  ring: Position[];
}

export interface MapLabels {
  region: string;
  loading: string;
  details: string;
  /** The north arrow's letter: 北, N. */
  north: string;
}

export type { TileSettings } from "~/domain/tile-sources";

export function ZoneMap({
  zones,
  tiles,
  labels,
}: {
  zones: MapZone[];
  tiles: TileSettings;
  labels: MapLabels;
}) {
  const fallback = (
    <div className="map-fallback">
      <p>{labels.loading}</p>
      <ul className="plain-list">
        {zones.map((zone) => (
          <li key={zone.slug}>
            {zone.number}. <a href={zone.href}>{zone.name}</a> · {zone.stateLabel}
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <div className="map-box" role="region" aria-label={labels.region}>
      <ClientOnly fallback={fallback}>
        {() => <ZoneMapLeaflet zones={zones} tiles={tiles} labels={labels} />}
      </ClientOnly>
    </div>
  );
}
