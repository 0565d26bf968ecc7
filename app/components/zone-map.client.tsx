import { Fragment } from "react";
import { Link } from "@remix-run/react";
import {
  divIcon,
  type LatLngBoundsExpression,
  type LatLngExpression,
  type PathOptions,
} from "leaflet";
import { MapContainer, Marker, Polygon, Popup } from "react-leaflet";
import { ringCenter } from "~/domain/geo";
import type { DayState } from "~/domain/market-hours";
import type { MapLabels, MapZone, TileSettings } from "./zone-map";
import { BaseTiles } from "./base-tiles.client";

const STYLE: Record<DayState, PathOptions> = {
  open: { color: "#b42318", fillColor: "#e5484d", fillOpacity: 0.45, weight: 3 },
  later: { color: "#a15c07", fillColor: "#f5a524", fillOpacity: 0.4, weight: 2 },
  ended: { color: "#44514a", fillColor: "#8a9a90", fillOpacity: 0.3, weight: 2 },
  none: { color: "#44514a", fillColor: "#c9d1cc", fillOpacity: 0.25, weight: 1 },
};

/** GeoJSON is [lng, lat]; Leaflet wants [lat, lng]. */
function toLatLngs(ring: MapZone["ring"]): LatLngExpression[] {
  return ring.map(([lng, lat]) => [lat, lng] as [number, number]);
}

function boundsOf(zones: MapZone[]): LatLngBoundsExpression {
  const lats = zones.flatMap((z) => z.ring.map((p) => p[1]));
  const lngs = zones.flatMap((z) => z.ring.map((p) => p[0]));
  return [
    [Math.min(...lats), Math.min(...lngs)],
    [Math.max(...lats), Math.max(...lngs)],
  ];
}

export function ZoneMapLeaflet({
  zones,
  tiles,
  labels,
}: {
  zones: MapZone[];
  tiles: TileSettings;
  labels: MapLabels;
}) {
  if (zones.length === 0) return null;
  return (
    <MapContainer
      attributionControl={false}
      bounds={boundsOf(zones)}
      boundsOptions={{ padding: [40, 40] }}
      style={{ height: "100%", width: "100%" }}
      scrollWheelZoom={false}
    >
      <BaseTiles tiles={tiles} />
      {zones.map((zone) => {
        const [lng, lat] = ringCenter(zone.ring);
        const popup = (
          <Popup>
            <strong>{zone.name}</strong>
            <br />
            {zone.stateLabel}
            <br />
            {zone.hours}
            <br />
            <Link to={zone.href}>{labels.details}</Link>
          </Popup>
        );
        // The area itself, and a numbered pin (the same number as in the list) that stays
        // visible when the whole county is in view and a market is only a few pixels wide.
        return (
          <Fragment key={zone.slug}>
            <Polygon positions={toLatLngs(zone.ring)} pathOptions={STYLE[zone.state]}>
              {popup}
            </Polygon>
            <Marker
              position={[lat, lng]}
              title={zone.name}
              // The pin shows a number; a screen reader hears the market's name instead.
              eventHandlers={{
                add: (event) => event.target.getElement()?.setAttribute("aria-label", zone.name),
              }}
              icon={divIcon({
                className: "",
                html: `<span class="map-pin map-pin-${zone.state}">${zone.number}</span>`,
                iconSize: [30, 30],
                iconAnchor: [15, 15],
                popupAnchor: [0, -14],
              })}
            >
              {popup}
            </Marker>
          </Fragment>
        );
      })}
    </MapContainer>
  );
}
