import { check } from "@placemarkio/check-geojson";
import { describe, expect, it } from "vitest";
import { loader } from "./markets[.]geojson";

describe("/markets.geojson", () => {
  it("is valid GeoJSON with every market, its next session and its page", async () => {
    const response = await loader();
    expect(response.headers.get("Content-Type")).toBe("application/geo+json; charset=utf-8");
    const text = await response.text();
    const collection = check(text);
    expect(collection.type).toBe("FeatureCollection");
    const features = (collection as { features: { properties: Record<string, unknown> }[] })
      .features;
    expect(features).toHaveLength(7);
    const fuxin = features.find((f) => f.properties.slug === "fuxin-community")!;
    expect(fuxin.properties).toMatchObject({
      name_zh: "福馨社区便民市场",
      kind: "community",
      stalls: 58,
    });
    expect(fuxin.properties.url).toMatch(/\/markets\/fuxin-community$/);
    // Fuxin holds a morning market every day, so there is always a next session.
    expect(fuxin.properties.next_session).toMatchObject({ kind: "morning" });
  });
});
