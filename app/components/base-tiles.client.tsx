// The base map under our own shapes, the same on every map: its layers (a map and its place
// names, for Tianditu) and an attribution without a flag. Nothing at all without tiles.
import { AttributionControl, TileLayer } from "react-leaflet";
import type { TileSettings } from "~/domain/tile-sources";

export function BaseTiles({ tiles }: { tiles: TileSettings }) {
  return (
    <>
      <AttributionControl prefix='<a href="https://leafletjs.com">Leaflet</a>' />
      {tiles.layers.map((layer) => (
        <TileLayer
          key={layer.url}
          url={layer.url}
          subdomains={layer.subdomains}
          attribution={layer.attribution}
          maxNativeZoom={layer.maxNativeZoom}
          maxZoom={22}
        />
      ))}
    </>
  );
}
