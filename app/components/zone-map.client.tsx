import { Fragment, useCallback, useEffect, useMemo, useState } from "react";

import {
  Control,
  divIcon,
  DomUtil,
  latLng,
  type LatLngBoundsExpression,
  type LatLngExpression,
  type PathOptions,
} from "leaflet";
import {
  MapContainer,
  Marker,
  Polygon,
  Polyline,
  Popup,
  ScaleControl,
  useMap,
  useMapEvents,
} from "react-leaflet";
import { labelWidth, spreadPins } from "~/domain/pin-spread";
import { ringCenter } from "~/domain/geo";
import type { DayState } from "~/domain/market-hours";
import type { MapLabels, MapZone, TileSettings } from "./zone-map";
import { BaseTiles } from "./base-tiles.client";
import { QuickLink } from "~/components/quick-link";

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
      // Names sit to the right of their pins: leave them room on that side.
      boundsOptions={{
        paddingTopLeft: [30, 40],
        paddingBottomRight: [Math.min(180, Math.max(...zones.map((z) => pinWidth(z.name)))), 40],
      }}
      style={{ height: "100%", width: "100%" }}
      scrollWheelZoom={false}
    >
      <BaseTiles tiles={tiles} />
      <ScaleControl imperial={false} position="topleft" />
      <NorthArrow label={labels.north} />
      <ZonePins zones={zones} labels={labels} />
    </MapContainer>
  );
}

/** A north arrow: without tiles, the map still says which way is up. */
function NorthArrow({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const arrow = new Control({ position: "topright" });
    arrow.onAdd = () => {
      const element = DomUtil.create("div", "map-north");
      element.setAttribute("aria-hidden", "true");
      element.textContent = `↑ ${label}`;
      return element;
    };
    arrow.addTo(map);
    return () => {
      arrow.remove();
    };
  }, [map, label]);
  return null;
}

/**
 * Names longer than this are cut short (…) on a phone-wide map; the whole name is in the popup.
 * The stylesheet's .map-pin-name-short holds the same width (the CSP allows no inline style).
 */
const NARROW_MAP = 480;
const NARROW_LABEL = 132;

/** The pin's box: the numbered circle and the market's name beside it. */
const pinWidth = (name: string, cap = Infinity) => 30 + 8 + Math.min(labelWidth(name), cap) + 10;

/**
 * Each market's area and its labelled pin. Pins that would cover each other at this zoom are
 * spread apart (app/domain/pin-spread.ts), each joined to its market by a thin line; they are
 * spread again after every zoom.
 */
function ZonePins({ zones, labels }: { zones: MapZone[]; labels: MapLabels }) {
  const map = useMap();
  const centres = useMemo(
    () => zones.map((z) => ringCenter(z.ring)).map(([lng, lat]) => latLng(lat, lng)),
    [zones],
  );
  const [placed, setPlaced] = useState(centres);
  const [cap, setCap] = useState(Infinity);
  const spread = useCallback(() => {
    const labelCap = map.getSize().x < NARROW_MAP ? NARROW_LABEL : Infinity;
    setCap(labelCap);
    const boxes = centres.map((c, i) => {
      const p = map.latLngToContainerPoint(c);
      const w = pinWidth(zones[i]!.name, labelCap);
      return { x: p.x - 15 + w / 2, y: p.y, w, h: 30 };
    });
    setPlaced(
      spreadPins(boxes).map((b, i) =>
        map.containerPointToLatLng([b.x + 15 - boxes[i]!.w / 2, b.y]),
      ),
    );
  }, [centres, map, zones]);
  useEffect(spread, [spread]);
  useMapEvents({ moveend: spread, resize: spread });
  return (
    <>
      {zones.map((zone, i) => {
        const centre = centres[i]!;
        const pin = placed[i] ?? centre;
        const moved = map.latLngToLayerPoint(pin).distanceTo(map.latLngToLayerPoint(centre)) > 6;
        const popup = (
          <Popup>
            <strong>{zone.name}</strong>
            <br />
            {zone.stateLabel}
            <br />
            {zone.hours}
            <br />
            <QuickLink to={zone.href}>{labels.details}</QuickLink>
          </Popup>
        );
        return (
          <Fragment key={zone.slug}>
            <Polygon positions={toLatLngs(zone.ring)} pathOptions={STYLE[zone.state]}>
              {popup}
            </Polygon>
            {moved ? (
              <Polyline
                positions={[centre, pin]}
                interactive={false}
                pathOptions={{ color: "#44514a", weight: 1 }}
              />
            ) : null}
            <Marker
              position={pin}
              title={zone.name}
              // The pin shows a number and the name; a screen reader hears the name once.
              eventHandlers={{
                add: (event) => event.target.getElement()?.setAttribute("aria-label", zone.name),
              }}
              icon={divIcon({
                className: "",
                html: `<span class="map-pin-wrap" aria-hidden="true"><span class="map-pin map-pin-${zone.state}">${zone.number}</span><span class="map-pin-name${cap < Infinity ? " map-pin-name-short" : ""}">${escapeHtml(zone.name)}</span></span>`,
                iconSize: [pinWidth(zone.name, cap), 30],
                iconAnchor: [15, 15],
                popupAnchor: [0, -14],
              })}
            >
              {popup}
            </Marker>
          </Fragment>
        );
      })}
    </>
  );
}

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
