import { check } from "@placemarkio/check-geojson";
import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { settle, testContext } from "#db/testing/requests";
import { parseStallCardId } from "~/domain/stall-card";
import { loader } from "./markets[.]geojson";
import { loader as calendarLoader } from "./markets.$slug_.calendar[.]ics";
import { loader as stallsLoader } from "./markets.$slug_.stalls[.]geojson";
import { loader as robotsLoader } from "./robots[.]txt";
import { loader as sitemapLoader } from "./sitemap[.]xml";

describe("/markets.geojson", () => {
  it("is valid GeoJSON with every market, its next session and its page", async () => {
    const response = await loader({
      request: new Request("https://jishi.example.org/markets.geojson"),
      params: {},
      context: testContext,
    });
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
    // Without APP_URL, the address the request came to (never "localhost" for a phone).
    expect(fuxin.properties.url).toBe("https://jishi.example.org/markets/fuxin-community");
    // Fuxin holds a morning market every day, so there is always a next session.
    expect(fuxin.properties.next_session).toMatchObject({ kind: "morning" });
  });
});

describe("/markets/:slug/stalls.geojson", () => {
  it("is valid GeoJSON with every stall of the approved layout and what it offers", async () => {
    const response = await stallsLoader({
      request: new Request("https://jishi.example.org/markets/fuxin-community/stalls.geojson"),
      params: { slug: "fuxin-community" },
      context: testContext,
    });
    const collection = check(await response.text()) as {
      features: { id: string; properties: Record<string, unknown> }[];
    };
    expect(collection.features).toHaveLength(58);
    const welfare = collection.features.find((f) => f.properties.code === "W-01")!;
    expect(welfare.properties).toMatchObject({
      categories: ["public_welfare"],
      public_welfare: true,
      fee_yuan: 0,
    });
    // Each stall's card: the address its printed QR code opens, which reads back to the stall.
    for (const f of collection.features) {
      const url = new URL(String(f.properties.card_url));
      expect(url.origin).toBe("https://jishi.example.org");
      const card = parseStallCardId(decodeURIComponent(url.pathname.replace(/^\/s\//, "")));
      expect(card?.code).toBe(f.properties.code);
    }
    // Who booked a stall is not published in the feed.
    expect(JSON.stringify(collection)).not.toMatch(/vendor|phone|1380000/);
  });

  it("answers 404 for a market that does not exist", async () => {
    const response = await settle(() =>
      stallsLoader({
        request: new Request("http://localhost/markets/nowhere/stalls.geojson"),
        params: { slug: "nowhere" },
        context: testContext,
      }),
    );
    expect((response as Response).status).toBe(404);
  });
});

describe("/markets/:slug/calendar.ics", () => {
  it("is a calendar a real iCalendar parser reads, with the coming sessions in UTC", async () => {
    const response = await calendarLoader({
      request: new Request("http://localhost/markets/jidian-rural-produce/calendar.ics", {
        headers: { "Accept-Language": "en" },
      }),
      params: { slug: "jidian-rural-produce" },
      context: testContext,
    });
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    // Three mornings a week (Tuesday, Friday, Sunday) for eight weeks and a day.
    expect(events.length).toBeGreaterThanOrEqual(24);
    expect(events.length).toBeLessThanOrEqual(25);
    const first = events[0]!;
    expect(first.summary).toBe("Jidian Township Farm Produce Market · Morning market");
    // 06:30 to 11:00 in Huguan is 22:30 to 03:00 UTC.
    expect(first.startDate.toJSDate().toISOString()).toMatch(/T22:30:00\.000Z$/);
    expect(first.endDate.toJSDate().toISOString()).toMatch(/T03:00:00\.000Z$/);
    expect(first.location).toContain("Jidian");
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });
});

describe("/robots.txt and /sitemap.xml", () => {
  const request = (path: string) => ({
    request: new Request(`https://jishi.example.org${path}`),
    params: {},
    context: testContext,
  });

  it("let search engines read the public pages and keep them out of accounts", async () => {
    const text = await (await robotsLoader(request("/robots.txt"))).text();
    expect(text).toContain("Sitemap: https://jishi.example.org/sitemap.xml");
    // As a crawler reads it: the longest matching rule wins; "$" anchors the end.
    const rules = text
      .split("\n")
      .map((line) => /^(Allow|Disallow): (.*)$/.exec(line))
      .flatMap((m) => (m ? [{ allow: m[1] === "Allow", path: m[2]! }] : []));
    const allowed = (url: string) =>
      rules
        .filter((r) =>
          r.path.endsWith("$") ? url === r.path.slice(0, -1) : url.startsWith(r.path),
        )
        .sort((a, b) => b.path.length - a.path.length)[0]?.allow ?? true;
    for (const open of ["/", "/markets/fuxin-community", "/vendors/38", "/search?q=x", "/reports"])
      expect(allowed(open), open).toBe(true);
    for (const closed of ["/manage", "/vendor", "/vendor/bookings", "/book/fuxin-community"])
      expect(allowed(closed), closed).toBe(false);
  });

  it("list every market, its poster and every public vendor, as valid XML", async () => {
    const response = await sitemapLoader(request("/sitemap.xml"));
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    const text = await response.text();
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = []
      .concat(new XMLParser().parse(text).urlset.url)
      .map((u: { loc: string }) => u.loc);
    expect(urls).toContain("https://jishi.example.org/markets/fuxin-community");
    expect(urls).toContain("https://jishi.example.org/markets/fuxin-community/poster");
    expect(urls.filter((u) => u.includes("/vendors/")).length).toBeGreaterThanOrEqual(40);
    expect(urls.some((u) => /\/(manage|vendor|book)\b/.test(u.replace("/vendors/", "")))).toBe(
      false,
    );
  });
});
