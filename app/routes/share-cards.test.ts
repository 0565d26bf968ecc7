// Share cards, icons and the web manifest, as a chat app's fetcher and a phone's launcher ask
// for them, against the demo data.
import { describe, expect, it } from "vitest";
import { testContext } from "#db/testing/requests";
import { appIconSvg } from "~/domain/app-icon";
import { pageMeta } from "~/utils/meta";
import { svgToPng } from "~/utils/share-image.server";
import { loader as iconLoader } from "./icons.$file";
import { loader as manifestLoader } from "./manifest[.]webmanifest";
import { loader as marketCardLoader } from "./markets.$slug_.share[.]png";
import { loader as siteCardLoader } from "./share[.]png";

const at = (path: string, headers: Record<string, string> = {}) =>
  new Request(`https://jishi.example.org${path}`, { headers });

/** Width and height from a PNG's header, after checking its signature. */
function pngSize(bytes: Uint8Array): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

async function png(response: Response): Promise<Uint8Array> {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("image/png");
  return new Uint8Array(await response.arrayBuffer());
}

/** Runs a loader that may throw its answer (a 404). */
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("a market's share card", () => {
  const card = (path: string, headers?: Record<string, string>) =>
    answer(() =>
      marketCardLoader({
        request: at(path, headers),
        params: { slug: path.split("/")[2] },
        context: testContext,
      }),
    );

  it("is a 1200 × 630 PNG, one per language, cached and revalidated by its ETag", async () => {
    const zh = await card("/markets/fuxin-community/share.png?lang=zh-CN");
    const etag = zh.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(zh.headers.get("Cache-Control")).toBe("public, max-age=3600");
    expect(pngSize(await png(zh))).toEqual([1200, 630]);

    const en = await card("/markets/fuxin-community/share.png?lang=en");
    expect(en.headers.get("ETag")).not.toBe(etag);

    const again = await card("/markets/fuxin-community/share.png?lang=zh-CN", {
      "If-None-Match": etag,
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    // An unknown ?lang= is the reader's language, not an error.
    expect((await card("/markets/fuxin-community/share.png?lang=xx")).status).toBe(200);
  });

  it("is 404 for a market that does not exist", async () => {
    expect((await card("/markets/atlantis/share.png")).status).toBe(404);
  });

  it("the site has one too, with every market", async () => {
    const response = await siteCardLoader({
      request: at("/share.png?lang=en"),
      params: {},
      context: testContext,
    });
    expect(pngSize(await png(response))).toEqual([1200, 630]);
  });
});

describe("pages name their card with absolute addresses", () => {
  const matches = (pathname: string) =>
    [
      { id: "root", pathname: "/", data: { siteUrl: "https://jishi.example.org" } },
      { id: "routes/markets.$slug", pathname, data: {} },
    ] as unknown as Parameters<typeof pageMeta>[0]["matches"];
  const content = (descriptors: ReturnType<typeof pageMeta>, key: string) => {
    const tags = descriptors as Record<string, string>[];
    return (tags.find((t) => t.property === key) ?? tags.find((t) => t.itemProp === key))?.content;
  };

  it("a market's page: its own card, its address, and a large-image card", () => {
    const tags = pageMeta({
      matches: matches("/markets/fuxin-community"),
      locale: "en",
      title: "Fuxin Community Market",
      image: "/markets/fuxin-community/share.png",
    });
    expect(content(tags, "og:image")).toBe(
      "https://jishi.example.org/markets/fuxin-community/share.png?lang=en",
    );
    expect(content(tags, "image")).toBe(content(tags, "og:image"));
    expect(content(tags, "og:url")).toBe("https://jishi.example.org/markets/fuxin-community");
    expect(content(tags, "og:image:width")).toBe("1200");
    expect(tags).toContainEqual({ name: "twitter:card", content: "summary_large_image" });
  });

  it("other pages: the site's card", () => {
    const tags = pageMeta({ matches: matches("/search"), locale: "zh-CN" });
    expect(content(tags, "og:image")).toBe("https://jishi.example.org/share.png?lang=zh-CN");
    expect(content(tags, "name")).toBe("集市");
  });
});

describe("app icons and the web manifest", () => {
  const icon = (file: string) =>
    answer(() =>
      iconLoader({ request: at(`/icons/${file}`), params: { file }, context: testContext }),
    );

  it("every icon the manifest names is a PNG of its stated size", async () => {
    const response = await manifestLoader({
      request: at("/manifest.webmanifest", { "Accept-Language": "en" }),
      params: {},
      context: testContext,
    });
    expect(response.headers.get("Content-Type")).toBe("application/manifest+json; charset=utf-8");
    const manifest = await response.json();
    expect(manifest).toMatchObject({
      short_name: "Jishi",
      lang: "en",
      start_url: "/",
      display: "standalone",
    });
    expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain("maskable");
    for (const entry of manifest.icons as { src: string; sizes: string }[]) {
      const size = Number(entry.sizes.split("x")[0]);
      expect(pngSize(await png(await icon(entry.src.replace("/icons/", ""))))).toEqual([
        size,
        size,
      ]);
    }
    expect(pngSize(await png(await icon("180.png")))).toEqual([180, 180]);
  });

  it("an icon of another size or name is 404", async () => {
    for (const file of ["77.png", "192.svg", "..%2Fpackage.json", "192-maskable.png.png"])
      expect((await icon(file)).status).toBe(404);
  });

  it("the mark is drawn with the bundled font (not left out for want of a font)", () => {
    const withMark = svgToPng(appIconSvg(192), "集").png;
    const without = svgToPng(appIconSvg(192).replace(/<text.*<\/text>/, ""), "").png;
    expect(withMark.equals(without)).toBe(false);
    expect(withMark.length).toBeGreaterThan(without.length + 500);
  });
});
