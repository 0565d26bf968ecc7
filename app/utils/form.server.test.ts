import { describe, expect, it } from "vitest";
import { parseForm } from "./form.server";
import { translate } from "./i18n";
import { ClosureSchema, EventSchema } from "./schedule-schemas.server";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("parseForm", () => {
  it("names each field's own limit, in both languages", () => {
    const event = parseForm(
      EventSchema,
      form({
        localDate: "2026-12-24",
        titleZh: "冬至集",
        titleEn: "x".repeat(81),
        startTime: "17:00",
        endTime: "20:00",
      }),
    );
    expect(event.ok).toBe(false);
    if (event.ok) return;
    expect(event.errors.titleEn).toBe("form.error.tooLong");
    expect(event.errorParams.titleEn).toEqual({ max: 80 });
    expect(translate("zh-CN", event.errors.titleEn!, event.errorParams.titleEn)).toBe(
      "最多 80 个字",
    );
    expect(translate("en", event.errors.titleEn!, event.errorParams.titleEn)).toBe(
      "80 characters at most",
    );

    const closure = parseForm(
      ClosureSchema,
      form({ startsOn: "2026-12-24", endsOn: "2026-12-24", reason: "雪".repeat(201) }),
    );
    if (closure.ok) throw new Error("a 201-character reason passed");
    expect(translate("zh-CN", closure.errors.reason!, closure.errorParams.reason)).toBe(
      "最多 200 个字",
    );
  });
});
