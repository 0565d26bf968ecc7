import { expect, test } from "./fixtures";

// Every public page type, as the built server streams it, in both languages: no NUL byte and
// nothing that is not UTF-8. React 18 once flushed unwritten buffer bytes as zeros in pages with
// Chinese text (patches/react-dom-utf8-flush.mjs).
const PAGES = [
  "/",
  "/markets",
  "/markets/fuxin-community",
  "/markets/fuxin-community/report",
  "/markets/fuxin-community/poster",
  "/markets/fuxin-community/calendar.ics",
  "/markets/fuxin-community/stalls.geojson",
  "/markets.geojson",
  "/search?q=%E5%89%AA%E7%BA%B8",
  "/reports",
  "/for-vendors",
  "/login",
  "/join",
  "/forgot-password",
  "/no-such-page",
];

for (const language of ["zh-CN", "en"]) {
  test(`public pages in ${language} are clean UTF-8 without NUL bytes`, async ({ request }) => {
    const headers = { "Accept-Language": language };
    const market = await (await request.get("/markets/fuxin-community", { headers })).text();
    const vendorPage = market.match(/href="(\/vendors\/\d+)"/)?.[1];
    expect(vendorPage, "the market page links to its vendors").toBeTruthy();
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (const path of [...PAGES, vendorPage!]) {
      const response = await request.get(path, { headers });
      expect(response.status(), path).toBeLessThan(500);
      const bytes = await response.body();
      expect(bytes.indexOf(0), `${path}: offset of the first NUL byte`).toBe(-1);
      expect(() => decoder.decode(bytes), `${path} is valid UTF-8`).not.toThrow();
      if (path === "/" && language === "zh-CN") expect(decoder.decode(bytes)).toContain("集");
    }
  });
}
