import {
  canvas,
  latLng,
  svg,
  type LatLngExpression,
  type LeafletEventHandlerFnMap,
  type Path,
  type PathOptions,
  type Polygon as LeafletPolygon,
} from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import { MapContainer, Polygon, Tooltip, useMap } from "react-leaflet";
import type { Position } from "~/domain/geo";
import type { MapStall, StallTone } from "./stall-map";
import type { TileSettings } from "./zone-map";
import { BaseTiles } from "./base-tiles.client";

const TONE: Record<StallTone, PathOptions> = {
  free: { color: "#1d6b48", fillColor: "#3fa672", fillOpacity: 0.75, weight: 1 },
  other: { color: "#8a9a90", fillColor: "#e3e8e4", fillOpacity: 0.8, weight: 1 },
  taken: { color: "#44514a", fillColor: "#8a9a90", fillOpacity: 0.8, weight: 1 },
  held: { color: "#a15c07", fillColor: "#f5a524", fillOpacity: 0.8, weight: 1 },
  mine: { color: "#b42318", fillColor: "#e5484d", fillOpacity: 0.9, weight: 2 },
};

const ACCESSIBLE_LIMIT = 400;

const toLatLngs = (ring: Position[]): LatLngExpression[] =>
  ring.map(([lng, lat]) => [lat, lng] as [number, number]);

export function StallMapLeaflet({
  boundary,
  stalls,
  tiles,
  onSelect,
}: {
  boundary: Position[];
  stalls: MapStall[];
  tiles: TileSettings;
  onSelect?: (stallId: number) => void;
}) {
  // Up to a few hundred stalls, each is an SVG shape a keyboard and a screen reader can reach.
  // Beyond that one canvas draws them all: thousands stay smooth where SVG would not, and the
  // list beside the map carries the same choices.
  const accessible = stalls.length <= ACCESSIBLE_LIMIT;
  const renderer = useMemo(() => (accessible ? svg() : canvas({ padding: 0.2 })), [accessible]);
  const outline = useMemo(() => toLatLngs(boundary), [boundary]);
  if (outline.length === 0) return null;
  return (
    <MapContainer
      attributionControl={false}
      bounds={outline as [number, number][]}
      boundsOptions={{ padding: [16, 16] }}
      style={{ height: "100%", width: "100%" }}
      renderer={renderer}
      maxZoom={22}
    >
      <BaseTiles tiles={tiles} />
      {onSelect ? <TappableZoom stalls={stalls} /> : null}
      <Polygon
        positions={outline}
        pathOptions={{ color: "#0f3d2a", weight: 2, dashArray: "6 4", fill: false }}
        interactive={false}
      />
      {stalls.map((stall) => (
        <StallShape key={stall.id} stall={stall} accessible={accessible} onSelect={onSelect} />
      ))}
    </MapContainer>
  );
}

/**
 * One stall. Its screen reader's name, role and tab stop are attributes of the drawn shape, which
 * Leaflet keeps while the stall is drawn: they are set again whenever the stall's label or tone
 * changes (another session, a booking just made), not only when the shape is first added.
 */
function StallShape({
  stall,
  accessible,
  onSelect,
}: {
  stall: MapStall;
  accessible: boolean;
  onSelect?: (stallId: number) => void;
}) {
  const shape = useRef<LeafletPolygon>(null);
  // The handlers read the stall and the choice as they are now, not as they were when added.
  const latest = useRef({ stall, onSelect });
  latest.current = { stall, onSelect };
  const positions = useMemo(() => toLatLngs(stall.ring), [stall.ring]);
  const eventHandlers = useMemo<LeafletEventHandlerFnMap>(
    () => ({
      click: () => latest.current.onSelect?.(latest.current.stall.id),
      add: (event) => {
        const element = (event.target as Path).getElement();
        if (!accessible || !element) return;
        describeShape(element, latest.current.stall, Boolean(latest.current.onSelect));
        if (!latest.current.onSelect) return;
        element.addEventListener("keydown", (e) => {
          const key = (e as KeyboardEvent).key;
          const { stall: now, onSelect: choose } = latest.current;
          if ((key !== "Enter" && key !== " ") || !choose) return;
          // Choosing opens the stall's confirmation, in focus: the key must end here, or the
          // same Enter would press whatever takes focus next.
          e.preventDefault();
          choose(now.id);
        });
      },
    }),
    [accessible],
  );
  const selectable = Boolean(onSelect);
  useEffect(() => {
    const element = shape.current?.getElement();
    if (accessible && element) describeShape(element, stall, selectable);
  }, [accessible, stall, selectable]);
  return (
    <Polygon
      ref={shape}
      positions={positions}
      pathOptions={
        stall.color
          ? {
              color: stall.color,
              weight: stall.tone === "free" ? 2 : 1,
              fillColor: stall.tone === "free" ? "#ffffff" : stall.color,
              fillOpacity: stall.tone === "free" ? 0.9 : 0.85,
              dashArray: stall.tone === "free" ? "3 2" : undefined,
            }
          : TONE[stall.tone]
      }
      eventHandlers={eventHandlers}
    >
      <Tooltip direction="top">{stall.color ? stall.label : stall.code}</Tooltip>
    </Polygon>
  );
}

/** On a booking page a stall is a button, reached by Tab when free; elsewhere a labelled picture. */
function describeShape(element: Element, stall: MapStall, selectable: boolean) {
  element.setAttribute("aria-label", stall.label);
  element.setAttribute("role", selectable ? "button" : "img");
  if (selectable) element.setAttribute("tabindex", stall.tone === "free" ? "0" : "-1");
  else element.removeAttribute("tabindex");
}

/** The smallest finger target: a stall drawn smaller than this cannot be tapped. */
const TARGET_PX = 44;

/**
 * On a phone, where the whole market would draw each stall a few pixels wide, the map opens
 * close enough that a stall is at least 44 px on its short side, at the first stall that fits
 * the vendor (or the middle); pinching out shows more, and the list beside is the alternative.
 */
function TappableZoom({ stalls }: { stalls: MapStall[] }) {
  const map = useMap();
  useEffect(() => {
    // A wider screen shows the whole market: stalls there are big enough to click.
    if (map.getSize().x >= 600) return;
    const first = stalls.find((s) => s.tone === "free") ?? stalls[0];
    if (!first || first.ring.length < 3) return;
    const corners = toLatLngs(first.ring).map((c) => latLng(c as [number, number]));
    // The stall's short side, in metres, and the zoom at which it spans the target.
    const side = Math.min(
      map.distance(corners[0]!, corners[1]!),
      map.distance(corners[1]!, corners[2]!),
    );
    if (!(side > 0)) return;
    const lat = (corners[0]!.lat * Math.PI) / 180;
    const zoom = Math.log2((40_075_016.686 * Math.cos(lat) * TARGET_PX) / (side * 256));
    const needed = Math.min(map.getMaxZoom(), Math.ceil(zoom));
    if (needed <= map.getZoom()) return;
    const centre = corners.reduce(
      (sum, c) => latLng(sum.lat + c.lat / corners.length, sum.lng + c.lng / corners.length),
      latLng(0, 0),
    );
    map.setView(centre, needed, { animate: false });
    // Only when the map first opens: a choice or a refusal later keeps where the vendor is.
  }, [map]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
