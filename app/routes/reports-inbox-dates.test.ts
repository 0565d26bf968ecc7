// The managers' inbox shows dates in words in both languages, on the market's clock: never the
// numeric US form ("11/29/26") that an English reader cannot tell from a day-first one.
import { describe, expect, it } from "vitest";
import { requestAs, testContext } from "#db/testing/requests";
import { seedOperations } from "#db/seed";
import { db } from "~/utils/db.server";
import { loader } from "./manage.reports._index";

describe("the reports inbox", () => {
  it("writes its dates as words in English and in Chinese", async () => {
    await seedOperations(db, new Date("2026-11-28T04:00:00Z"));
    for (const [language, pattern] of [
      ["en", /^[A-Z][a-z]{2} \d{1,2}, 2026, \d{1,2}:\d{2}\s?[AP]M$/],
      ["zh-CN", /^2026年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/],
    ] as const) {
      const request = await requestAs("office@jishi.example", "/manage/reports?show=all", {
        headers: { "Accept-Language": language },
      });
      const page = await loader({ request, params: {}, context: testContext });
      expect(page.reports.length, language).toBeGreaterThan(0);
      for (const r of page.reports) {
        expect(r.created, language).toMatch(pattern);
        expect(r.created).not.toMatch(/\d+\/\d+\/\d+/);
      }
    }
  });
});
