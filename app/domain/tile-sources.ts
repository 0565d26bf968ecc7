// The base maps a county can use. Our geometry is WGS84 (GeoJSON); Tianditu (天地图, the
// national platform) draws in CGCS2000, which agrees with WGS84 to centimetres, so markets sit
// where they are. Amap, Tencent and Baidu tiles are shifted (GCJ-02, BD-09) by hundreds of
// metres: they are refused rather than shown wrong. docs/decisions/021-base-maps.md

/** One layer of tiles as Leaflet draws it. */
export interface TileLayerSpec {
  url: string;
  subdomains: string[];
  attribution: string;
  /** Beyond this zoom the layer's own tiles are enlarged. */
  maxNativeZoom: number;
}

/** What the maps draw under our own shapes: no layers, a base map, or a base and its labels. */
export interface TileSettings {
  layers: TileLayerSpec[];
}

export type TilePreset = "tianditu" | "tianditu-imagery" | "custom" | "none";

export interface TileEnv {
  MAP_TILES?: TilePreset;
  TIANDITU_KEY?: string;
  MAP_TILE_URL: string;
  MAP_TILE_SUBDOMAINS?: string;
  MAP_TILE_ATTRIBUTION: string;
}

const TIANDITU_SUBDOMAINS = ["0", "1", "2", "3", "4", "5", "6", "7"];
const TIANDITU_ATTRIBUTION = '&copy; <a href="https://www.tianditu.gov.cn">天地图</a>';

/** One Tianditu WMTS layer in Web Mercator ("_w"): vec/cva (map, labels), img/cia (imagery). */
function tianditu(layer: "vec" | "cva" | "img" | "cia", key: string): TileLayerSpec {
  return {
    url:
      `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}` +
      `&TILECOL={x}&tk=${encodeURIComponent(key)}`,
    subdomains: TIANDITU_SUBDOMAINS,
    attribution: TIANDITU_ATTRIBUTION,
    maxNativeZoom: 18,
  };
}

/** Tile hosts whose tiles are drawn in a shifted datum, and which datum. */
const SHIFTED_HOSTS: [RegExp, string][] = [
  [/(^|\.)(amap|autonavi|gaode)\.com$/, "GCJ-02 (Amap 高德)"],
  [/(^|\.)(map\.qq\.com|gtimg\.com|gtimg\.cn|tencent\.com)$/, "GCJ-02 (Tencent 腾讯)"],
  [/(^|\.)(google\.cn|googleapis\.cn)$/, "GCJ-02 (Google China)"],
  [/(^|\.)(baidu\.com|bdimg\.com|bdstatic\.com)$/, "BD-09 (Baidu 百度)"],
];

/** The host a tile URL template names, with `{s}` as its first subdomain. */
function hostOf(url: string, subdomains: string[]): string | null {
  try {
    return new URL(
      url.replace(/\{s\}/g, subdomains[0] ?? "a").replace(/\{[a-z]+\}/gi, "0"),
    ).host.toLowerCase();
  } catch {
    return null;
  }
}

export type TileSettingsResult =
  { ok: true; settings: TileSettings } | { ok: false; problem: string };

/**
 * The layers for the settings, or why they cannot be used (said at start, before anyone sees
 * a map drawn in the wrong place). Without MAP_TILES: Tianditu when a key is given, else the
 * MAP_TILE_URL template (empty: no base map).
 */
export function tileSettings(env: TileEnv): TileSettingsResult {
  const preset = env.MAP_TILES ?? (env.TIANDITU_KEY ? "tianditu" : "custom");
  if (preset === "none") return { ok: true, settings: { layers: [] } };
  if (preset === "tianditu" || preset === "tianditu-imagery") {
    if (!env.TIANDITU_KEY)
      return {
        ok: false,
        problem: `MAP_TILES=${preset} needs TIANDITU_KEY, a browser key from https://console.tianditu.gov.cn (README, Base map).`,
      };
    const [base, labels] =
      preset === "tianditu" ? (["vec", "cva"] as const) : (["img", "cia"] as const);
    return {
      ok: true,
      settings: { layers: [tianditu(base, env.TIANDITU_KEY), tianditu(labels, env.TIANDITU_KEY)] },
    };
  }
  if (!env.MAP_TILE_URL) return { ok: true, settings: { layers: [] } };
  // Leaflet's way: "abc" is a, b and c; "0,1,2" or "t0 t1" are listed.
  const listed = env.MAP_TILE_SUBDOMAINS ?? "abc";
  const subdomains = (/[,\s]/.test(listed) ? listed.split(/[,\s]+/) : [...listed]).filter(Boolean);
  const host = hostOf(env.MAP_TILE_URL, subdomains);
  if (!host)
    return { ok: false, problem: `MAP_TILE_URL is not a URL template: ${env.MAP_TILE_URL}` };
  const shifted = SHIFTED_HOSTS.find(([pattern]) => pattern.test(host));
  if (shifted)
    return {
      ok: false,
      problem: `MAP_TILE_URL points at ${host}, whose tiles are drawn in ${shifted[1]}: every market would appear some hundreds of metres from where it is. Use Tianditu (MAP_TILES=tianditu with TIANDITU_KEY) or tiles in WGS84 / Web Mercator.`,
    };
  return {
    ok: true,
    settings: {
      layers: [
        {
          url: env.MAP_TILE_URL,
          subdomains,
          attribution: env.MAP_TILE_ATTRIBUTION,
          maxNativeZoom: 19,
        },
      ],
    },
  };
}

/** Every host the layers load from, exactly (each subdomain spelt out), for the CSP. */
export function tileHosts(settings: TileSettings): string[] {
  const hosts = new Set<string>();
  for (const layer of settings.layers) {
    const protocol = layer.url.startsWith("http:") ? "http:" : "https:";
    const subs = layer.url.includes("{s}") ? layer.subdomains : [""];
    for (const sub of subs) {
      const host = hostOf(layer.url.replace(/\{s\}/g, sub), []);
      if (host) hosts.add(`${protocol}//${host}`);
    }
  }
  return [...hosts];
}
