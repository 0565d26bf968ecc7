import { describe, expect, it } from "vitest";
import { allEn as en, allZhCN as zhCN } from "~/locales/all";
import { translate } from "~/utils/i18n";
import { PAGE_REFUSALS, refusalMessage } from "./refusal-message";

describe("booking refusals", () => {
  it("each has its words in both languages", () => {
    const missing = PAGE_REFUSALS.flatMap((code) =>
      [zhCN, en]
        .filter((catalogue) => !(`book.refusal.${code}` in catalogue))
        .map((catalogue) => `${catalogue === en ? "en" : "zh-CN"}: ${code}`),
    );
    expect(missing).toEqual([]);
  });

  it("shows when booking opens on the market's own clock", () => {
    const t = (key: string, params?: Record<string, string | number>) =>
      translate("en", key as never, params);
    const opensAt = "2026-12-01T06:00:00.000Z";
    const refusal = { code: "windowNotOpen", params: { opensAt } } as const;
    const berlin = refusalMessage(t, "en", refusal, "Europe/Berlin");
    const huguan = refusalMessage(t, "en", refusal, "Asia/Shanghai");
    expect(berlin).toContain("7:00 AM");
    expect(huguan).toContain("2:00 PM");
  });
});
