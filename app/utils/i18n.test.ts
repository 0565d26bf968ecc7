import { describe, expect, it } from "vitest";
import { allEn as en, allZhCN as zhCN } from "~/locales/all";
import type { MessageKey } from "~/locales/zh-CN";
import { formatCount, formatLocalDate, formatMoney, localized, translate } from "./i18n";
import { localeFromAcceptLanguage } from "./i18n.server";

/** The parameters a message uses: `{name}`, or `{name, plural, …}` for a counted word. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

const NUMBERS =
  /^(count|total|free|max|min|hours|minutes|seconds|days|quota|tries|kept|moved|cancelled|booked|sent|waiting|failed|here|absent|cap|booked)$/;

describe("counted words", () => {
  it("take the English form for the number, and Chinese has one form", () => {
    expect(translate("en", "zone.stalls", { count: 1 })).toBe("1 stall");
    expect(translate("en", "zone.stalls", { count: 58 })).toBe("58 stalls");
    expect(translate("en", "zone.stalls", { count: "1,200" })).toBe("1,200 stalls");
    expect(translate("en", "market.presentCount", { count: 1, free: 1 })).toBe(
      "1 vendor, 1 stall free",
    );
    expect(translate("en", "report.figures.days", { days: 1 })).toBe("Last day");
    expect(translate("en", "report.figures.days", { days: 30 })).toBe("Last 30 days");
    expect(translate("zh-CN", "zone.stalls", { count: 1 })).toBe("1 个摊位");
  });

  it("never say “1 …s” in English", () => {
    const bad: string[] = [];
    for (const key of Object.keys(en) as MessageKey[]) {
      // Every number-like parameter as 1, every other as a word.
      const params = Object.fromEntries(
        [...en[key].matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => [
          m[1]!,
          NUMBERS.test(m[1]!) ? 1 : "X",
        ]),
      );
      const text = translate("en", key, params);
      if (/\b1 (?!of\b)[a-z-]+s\b/.test(text) && !/\b1 (series|yes|this)\b/.test(text))
        bad.push(`${key}: ${text}`);
    }
    expect(bad).toEqual([]);
  });
});

describe("the catalogues", () => {
  it("have the same placeholders in both languages, and no empty message", () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      expect(en[key], key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate("zh-CN", "zone.stalls", { count: 12 })).toBe("12 个摊位");
    expect(translate("en", "zone.stalls", { count: 12 })).toBe("12 stalls");
  });

  it("fills every message as matching it afresh each time did, with all, some or none of its values", () => {
    // The earlier translate: plural forms first, then the plain values, both found by matching.
    const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
    const matched = (
      locale: "zh-CN" | "en",
      template: string,
      params: Record<string, string | number>,
    ) =>
      template
        .replace(PLURAL, (whole, name: string, forms: string) => {
          if (!(name in params)) return whole;
          const value = params[name]!;
          const n =
            typeof value === "number" ? value : Number(String(value).replace(/[^\d.-]/g, ""));
          const options = new Map(
            [...forms.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)].map((m) => [m[1]!, m[2]!]),
          );
          const form =
            options.get(`=${n}`) ??
            options.get(new Intl.PluralRules(locale).select(n)) ??
            options.get("other") ??
            "";
          return form.replace(/#/g, String(value));
        })
        .replace(/\{(\w+)\}/g, (whole, name: string) =>
          name in params ? String(params[name]) : whole,
        );
    let compared = 0;
    for (const [locale, catalogue] of [
      ["zh-CN", zhCN],
      ["en", en],
    ] as const)
      for (const key of Object.keys(catalogue) as MessageKey[]) {
        const names = placeholders(catalogue[key]) as string[];
        for (const value of [0, 1, 2, 21, "1,200", "福馨社区"]) {
          for (const params of [
            Object.fromEntries(names.map((n) => [n, value])),
            Object.fromEntries(names.slice(1).map((n) => [n, value])),
            {},
          ]) {
            expect(translate(locale, key, params), key).toBe(
              matched(locale, catalogue[key], params),
            );
            compared++;
          }
        }
      }
    expect(compared).toBeGreaterThan(1000);
  });

  it("leaves an unknown placeholder visible rather than blank", () => {
    expect(translate("en", "sms.summary", { total: 3 })).toBe(
      "SMS to 3: {sent} sent, {waiting} waiting, {failed} failed",
    );
  });
});

describe("localized", () => {
  const row = { name_zh: "龙泉公园晚市", name_en: "Longquan Park Evening Market" };
  it("picks the reader's language and falls back to Chinese", () => {
    expect(localized(row, "name", "zh-CN")).toBe("龙泉公园晚市");
    expect(localized(row, "name", "en")).toBe("Longquan Park Evening Market");
    expect(localized({ name_zh: "集", name_en: "" }, "name", "en")).toBe("集");
  });
});

describe("formatting", () => {
  it("writes fen as yuan", () => {
    expect(formatMoney("zh-CN", 500)).toBe("¥5");
    expect(formatMoney("en", 1250)).toBe("¥12.50");
  });

  it("writes a market's local date without shifting it", () => {
    expect(formatLocalDate("zh-CN", "2026-11-29")).toBe("11月29日周日");
    expect(formatLocalDate("en", "2026-11-29")).toBe("Sun, November 29");
    expect(formatLocalDate("zh-CN", "2036-05-31", "full")).toBe("2036年5月31日");
    expect(formatLocalDate("en", "2036-05-31", "full")).toBe("May 31, 2036");
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-FR,en;q=0.5,zh;q=0.4", "en"],
    ["fr;q=1, zh;q=0.3, en;q=0", "zh-CN"],
    ["de", null],
    ["", null],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("formatCount", () => {
  it("groups thousands in both languages", () => {
    expect(formatCount("zh-CN", 2000)).toBe("2,000");
    expect(formatCount("en", 1234567)).toBe("1,234,567");
    expect(formatCount("en", 42)).toBe("42");
  });
});
