// A market's outline on a small map; a tap marks where the problem is.
import { type LatLngExpression } from "leaflet";
import { useState } from "react";
import { CircleMarker, MapContainer, Polygon, useMapEvents } from "react-leaflet";
import type { Position } from "~/domain/geo";
import type { TileSettings } from "./zone-map";
import { BaseTiles } from "./base-tiles.client";

function Picker({ onPick }: { onPick: (p: Position) => void }) {
  useMapEvents({ click: (e) => onPick([e.latlng.lng, e.latlng.lat]) });
  return null;
}

export function PinPicker({
  boundary,
  tiles,
  onPick,
}: {
  boundary: Position[];
  tiles: TileSettings;
  onPick: (p: Position) => void;
}) {
  const [pin, setPin] = useState<Position | null>(null);
  const ring = boundary.map(([lng, lat]) => [lat, lng] as [number, number]);
  if (ring.length === 0) return null;
  return (
    <MapContainer
      attributionControl={false}
      bounds={ring}
      boundsOptions={{ padding: [20, 20] }}
      style={{ height: "100%", width: "100%" }}
      maxZoom={22}
    >
      <BaseTiles tiles={tiles} />
      <Polygon
        positions={ring as LatLngExpression[]}
        pathOptions={{ color: "#0f3d2a", weight: 2, dashArray: "6 4" }}
      />
      <Picker
        onPick={(p) => {
          setPin(p);
          onPick(p);
        }}
      />
      {pin ? (
        <CircleMarker
          center={[pin[1], pin[0]]}
          radius={9}
          pathOptions={{ color: "#fff", weight: 3, fillColor: "#b42318", fillOpacity: 1 }}
        />
      ) : null}
    </MapContainer>
  );
}
