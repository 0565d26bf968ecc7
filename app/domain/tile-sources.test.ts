import { describe, expect, it } from "vitest";
import { tileHosts, tileSettings, type TileEnv } from "./tile-sources";

const OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const env = (changes: Partial<TileEnv>): TileEnv => ({
  MAP_TILE_URL: OSM,
  MAP_TILE_ATTRIBUTION: "&copy; OpenStreetMap contributors",
  ...changes,
});

describe("the base map", () => {
  it("is Tianditu, map and its place names, on eight hosts, when a key is given", () => {
    const result = tileSettings(env({ TIANDITU_KEY: "abc123" }));
    if (!result.ok) throw new Error(result.problem);
    const [base, labels] = result.settings.layers;
    expect(base!.url).toContain("https://t{s}.tianditu.gov.cn/vec_w/wmts?");
    expect(base!.url).toContain("TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123");
    expect(labels!.url).toContain("/cva_w/wmts?");
    expect(base!.subdomains).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    expect(base!.attribution).toContain("天地图");
    // The CSP allows exactly these hosts, no wildcard.
    expect(tileHosts(result.settings)).toEqual(
      ["0", "1", "2", "3", "4", "5", "6", "7"].map((n) => `https://t${n}.tianditu.gov.cn`),
    );
    const imagery = tileSettings(env({ MAP_TILES: "tianditu-imagery", TIANDITU_KEY: "k" }));
    expect(imagery.ok && imagery.settings.layers.map((l) => /\/(\w+)_w\//.exec(l.url)![1])).toEqual(
      ["img", "cia"],
    );
  });

  it("says what is missing when Tianditu is chosen without a key", () => {
    const result = tileSettings(env({ MAP_TILES: "tianditu" }));
    expect(!result.ok && result.problem).toMatch(/needs TIANDITU_KEY/);
  });

  it("refuses shifted tiles (GCJ-02, BD-09), which would put every market in the wrong place", () => {
    for (const url of [
      "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}&style=8",
      "https://rt{s}.map.gtimg.com/tile?z={z}&x={x}&y={y}",
      "https://maponline{s}.bdimg.com/tile/?qt=vtile&x={x}&y={y}&z={z}",
    ]) {
      const result = tileSettings(env({ MAP_TILE_URL: url, MAP_TILE_SUBDOMAINS: "1234" }));
      expect(!result.ok && result.problem, url).toMatch(/GCJ-02|BD-09/);
    }
  });

  it("takes any other template with its subdomains, or draws without tiles", () => {
    const custom = tileSettings(
      env({
        MAP_TILE_URL: "https://{s}.tile.example.org/{z}/{x}/{y}.png",
        MAP_TILE_SUBDOMAINS: "ab",
      }),
    );
    expect(custom.ok && tileHosts(custom.settings)).toEqual([
      "https://a.tile.example.org",
      "https://b.tile.example.org",
    ]);
    expect(tileSettings(env({})).ok).toBe(true);
    expect(tileSettings(env({ MAP_TILE_URL: "" }))).toEqual({ ok: true, settings: { layers: [] } });
    expect(tileSettings(env({ MAP_TILES: "none", TIANDITU_KEY: "k" }))).toEqual({
      ok: true,
      settings: { layers: [] },
    });
    expect(tileSettings(env({ MAP_TILE_URL: "not a url" })).ok).toBe(false);
  });
});
