// A base map that would draw markets in the wrong place stops the start, with a message that
// says why and what to use instead.
import { afterEach, describe, expect, it } from "vitest";
import { getEnv, publicEnv, resetEnvForTests } from "./env.server";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function withEnv(changes: Record<string, string>) {
  process.env = { ...saved, ...changes };
  resetEnvForTests();
}

describe("the base map settings", () => {
  it("refuse Amap tiles at start, naming the datum and Tianditu", () => {
    withEnv({
      MAP_TILE_URL: "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}",
      MAP_TILE_SUBDOMAINS: "1234",
    });
    expect(() => getEnv()).toThrow(/MAP_TILES: .*GCJ-02.*Tianditu/s);
  });

  it("give the browser Tianditu's two layers when a key is set", () => {
    withEnv({ TIANDITU_KEY: "browser-key" });
    const layers = publicEnv().MAP_TILES.layers;
    expect(layers.map((l) => /\/(\w+)_w\//.exec(l.url)![1])).toEqual(["vec", "cva"]);
  });
});
