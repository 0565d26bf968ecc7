// The layout editor's map: everything in the draft drawn from its FeatureCollection, with
// Leaflet-Geoman's tools to draw stalls, fire lanes and points, and to drag, rotate, reshape
// and delete them. Each change on the map comes back as a new FeatureCollection.
import "@geoman-io/leaflet-geoman-free";
import {
  circleMarker,
  featureGroup,
  geoJSON,
  polygon as leafletPolygon,
  svg,
  canvas,
  type FeatureGroup,
  type Layer,
  type LeafletEvent,
  type Map as LeafletMap,
} from "leaflet";
import { useEffect, useMemo, useRef, useState } from "react";
import { MapContainer, useMap } from "react-leaflet";
import { offset, toMetres, type Position } from "~/domain/geo";
import type { EditorCollection, EditorFeature } from "~/domain/layout-editing";
import type { TileSettings } from "./zone-map";
import { BaseTiles } from "./base-tiles.client";

export interface LayoutMapProps {
  collection: EditorCollection;
  failing: Set<string>;
  selected: string | null;
  tiles: TileSettings;
  labels: Record<"exit" | "extinguisher" | "water_point" | "power_point" | "fire_lane", string>;
  onChange: (next: EditorCollection) => void;
  onSelect: (code: string | null) => void;
  /** Codes for a stall drawn by hand, one at a time. */
  newStall: () => EditorFeature["properties"];
  /** Set while the row tool waits for a line: the next line drawn places the row. */
  rowLine: boolean;
  onRowLine: (line: Position[]) => void;
}

const POINT_STYLE: Record<string, { color: string; label: string }> = {
  exit: { color: "#1d6b48", label: "E" },
  extinguisher: { color: "#b42318", label: "F" },
  water_point: { color: "#0072b2", label: "W" },
  power_point: { color: "#a15c07", label: "P" },
};

const toLatLng = ([lng, lat]: Position) => [lat, lng] as [number, number];

/** A lane drawn as the strip it keeps clear: its centre line widened to each side. */
function laneStrip(line: Position[], width: number): Position[][] {
  const strips: Position[][] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const [a, b] = [line[i]!, line[i + 1]!];
    const [east, north] = toMetres(a, b);
    const length = Math.hypot(east, north) || 1;
    const [nx, ny] = [(-north / length) * (width / 2), (east / length) * (width / 2)];
    strips.push([offset(a, nx, ny), offset(b, nx, ny), offset(b, -nx, -ny), offset(a, -nx, -ny)]);
  }
  return strips;
}

/** The GeoJSON of a layer after Geoman moved, turned or reshaped it. */
function geometryOf(layer: Layer): EditorFeature["geometry"] {
  return (
    layer as unknown as { toGeoJSON: () => { geometry: EditorFeature["geometry"] } }
  ).toGeoJSON().geometry;
}

function Layers(props: LayoutMapProps) {
  const map = useMap() as LeafletMap;
  const group = useRef<FeatureGroup | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { collection, failing, selected } = props;
  // Past a few hundred stalls one canvas draws them all, as on the public maps.
  const large = collection.features.filter((f) => f.properties.kind === "stall").length > 400;
  const renderer = useMemo(() => (large ? canvas() : svg()), [large]);

  // The toolbar once, and what it draws turned into features of the right kind.
  useEffect(() => {
    map.pm.addControls({
      position: "topleft",
      drawMarker: false,
      drawCircleMarker: false,
      drawCircle: false,
      drawText: false,
      drawPolygon: false,
      cutPolygon: false,
    });
    for (const kind of ["exit", "extinguisher", "water_point", "power_point"] as const)
      map.pm.Toolbar.copyDrawControl("CircleMarker", {
        name: kind,
        block: "draw",
        title: latest.current.labels[kind],
        // A dot in the colour the map draws this kind of point in.
        className: `control-icon layout-tool layout-tool-${kind}`,
      });
    map.pm.setGlobalOptions({ snappable: true, snapDistance: 12 });
    const created = (event: LeafletEvent & { layer: Layer; shape: string }) => {
      const geometry = geometryOf(event.layer);
      map.removeLayer(event.layer);
      const { collection, onChange, newStall, rowLine, onRowLine } = latest.current;
      if (rowLine && event.shape === "Line") {
        onRowLine(geometry.coordinates as Position[]);
        return;
      }
      const kind =
        event.shape === "Rectangle"
          ? "stall"
          : event.shape === "Line"
            ? "fire_lane"
            : event.shape in POINT_STYLE
              ? event.shape
              : null;
      if (!kind) return;
      const properties =
        kind === "stall" ? newStall() : kind === "fire_lane" ? { kind, width_m: null } : { kind };
      onChange({
        ...collection,
        features: [...collection.features, { type: "Feature", geometry, properties }],
      });
    };
    map.on("pm:create", created as never);
    return () => {
      map.off("pm:create", created as never);
      map.pm.removeControls();
    };
  }, [map]);

  // The row tool asked for a line: start drawing one.
  useEffect(() => {
    if (props.rowLine) map.pm.enableDraw("Line");
  }, [map, props.rowLine]);

  // Everything redrawn from the collection whenever it changes.
  useEffect(() => {
    group.current?.remove();
    const layers = featureGroup().addTo(map);
    group.current = layers;
    collection.features.forEach((feature, index) => {
      const kind = feature.properties.kind;
      let layer: Layer | null = null;
      if (kind === "boundary") {
        layer = geoJSON(feature as never, {
          style: { color: "#0f3d2a", weight: 2, dashArray: "6 4", fill: false },
        });
      } else if (kind === "stall") {
        const code = String(feature.properties.code);
        const bad = failing.has(code);
        layer = geoJSON(
          feature as never,
          {
            style: {
              color: bad ? "#b42318" : code === selected ? "#0f3d2a" : "#1d6b48",
              weight: bad || code === selected ? 3 : 1,
              fillColor: bad ? "#e5484d" : "#3fa672",
              fillOpacity: code === selected ? 0.9 : 0.6,
            },
            renderer,
          } as never,
        );
        layer.bindTooltip(code, { direction: "top" });
        layer.on("click", () => latest.current.onSelect(code));
      } else if (kind === "fire_lane") {
        const line = feature.geometry.coordinates as Position[];
        const width = Number(feature.properties.width_m ?? 4);
        for (const strip of laneStrip(line, width))
          leafletPolygon(strip.map(toLatLng), {
            color: "#b42318",
            weight: 0,
            fillOpacity: 0.15,
            interactive: false,
            pmIgnore: true,
          } as never).addTo(layers);
        layer = geoJSON(feature as never, {
          style: { color: "#b42318", weight: 2, dashArray: "8 6" },
        });
        layer.bindTooltip(latest.current.labels.fire_lane);
      } else if (kind in POINT_STYLE) {
        const [lng, lat] = feature.geometry.coordinates as Position;
        layer = circleMarker([lat, lng], {
          radius: 7,
          color: "#fff",
          weight: 2,
          fillColor: POINT_STYLE[kind]!.color,
          fillOpacity: 1,
        });
        layer.bindTooltip(latest.current.labels[kind as "exit"]);
      }
      if (!layer) return;
      // Geoman's edits on a layer become a new geometry for this feature.
      const update = (event: LeafletEvent) => {
        const target = (event as LeafletEvent & { layer?: Layer }).layer ?? (event.target as Layer);
        const geometry = geometryOf(target);
        const { collection: current, onChange } = latest.current;
        onChange({
          ...current,
          features: current.features.map((f, i) => (i === index ? { ...f, geometry } : f)),
        });
      };
      const remove = () => {
        const { collection: current, onChange } = latest.current;
        onChange({ ...current, features: current.features.filter((_, i) => i !== index) });
      };
      layer.on("pm:edit pm:dragend pm:rotateend", update);
      // The boundary cannot go: a removed one is drawn again from the unchanged collection.
      layer.on("pm:remove", () =>
        kind === "boundary" ? latest.current.onChange({ ...latest.current.collection }) : remove(),
      );
      layer.addTo(layers);
    });
    return () => {
      layers.remove();
    };
  }, [map, collection, failing, selected, renderer]);

  return null;
}

export function LayoutMap(props: LayoutMapProps) {
  // The view is set once, from the boundary as it was when the editor opened.
  const [ring] = useState(() => {
    const boundary = props.collection.features.find((f) => f.properties.kind === "boundary");
    return ((boundary?.geometry.coordinates as Position[][] | undefined)?.[0] ?? []).map(toLatLng);
  });
  if (ring.length === 0) return null;
  return (
    <MapContainer
      attributionControl={false}
      bounds={ring}
      boundsOptions={{ padding: [20, 20] }}
      style={{ height: "100%", width: "100%" }}
      maxZoom={23}
      doubleClickZoom={false}
    >
      <BaseTiles tiles={props.tiles} />
      <Layers {...props} />
    </MapContainer>
  );
}
