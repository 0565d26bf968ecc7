import { describe, expect, it } from "vitest";
import { CHECKLIST } from "~/domain/inspections";
import { parseForm } from "~/utils/form.server";
import { inspectionSchema } from "./inspection.server";

const TODAY = "2026-11-29";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const item of CHECKLIST) data.set(`item-${item}`, "ok");
  data.set("date", TODAY);
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the inspection form", () => {
  it("reads the checklist, the session and the follow-ups that were filled", () => {
    const parsed = parseForm(
      inspectionSchema(TODAY),
      form({
        "item-hygiene": "issue",
        session: "e0",
        findings: "  垃圾桶满了 ",
        "followup-2": "清空垃圾桶",
        "due-2": "2026-11-30",
      }),
    );
    expect(parsed.ok && parsed.data).toEqual({
      date: TODAY,
      sessionKey: "e0",
      findings: "垃圾桶满了",
      checklist: {
        extinguishers: "ok",
        fireLanes: "ok",
        electrical: "ok",
        hygiene: "issue",
        weights: "ok",
      },
      followups: [{ action: "清空垃圾桶", dueOn: "2026-11-30" }],
      stallFindings: [],
    });
  });

  it("reads findings at stalls (codes in capitals) and refuses half rows or no session", () => {
    const parsed = parseForm(
      inspectionSchema(TODAY),
      form({
        session: "t3",
        "finding-stall-1": " a-03 ",
        "finding-kind-1": "prices_differ",
        "finding-note-1": "标价 3 元，收 4 元",
        "finding-stall-3": "B-01",
        "finding-kind-3": "hygiene",
      }),
    );
    expect(parsed.ok && parsed.data.stallFindings).toEqual([
      { stallCode: "A-03", kind: "prices_differ", note: "标价 3 元，收 4 元" },
      { stallCode: "B-01", kind: "hygiene", note: "" },
    ]);
    const refused: [Record<string, string>, string][] = [
      [{ session: "t3", "finding-stall-1": "A-03" }, "inspection.error.finding"],
      [{ session: "t3", "finding-kind-1": "hygiene" }, "inspection.error.finding"],
      [
        { session: "t3", "finding-stall-1": "A-03", "finding-kind-1": "bribes" },
        "inspection.error.finding",
      ],
      [
        { "finding-stall-1": "A-03", "finding-kind-1": "hygiene" },
        "inspection.error.findingSession",
      ],
      [
        {
          session: "t3",
          "finding-stall-2": "A-03",
          "finding-kind-2": "safety",
          "finding-note-2": "电".repeat(301),
        },
        "form.error.tooLong",
      ],
    ];
    for (const [fields, error] of refused) {
      const result = parseForm(inspectionSchema(TODAY), form(fields));
      expect(!result.ok && result.errors).toEqual({ stallFindings: error });
    }
  });

  it("says every fault at once, a follow-up's limit as a parameter, and cuts nothing", () => {
    const data = form({
      date: "2026-11-30",
      "followup-1": "修".repeat(301),
      "due-1": "2026-12-01",
      findings: "x".repeat(2001),
    });
    data.delete("item-weights");
    const parsed = parseForm(inspectionSchema(TODAY), data);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      date: "inspection.error.date",
      findings: "form.error.tooLong",
      checklist: "inspection.error.checklist",
      followup: "inspection.error.followupTooLong",
    });
    expect(parsed.errorParams).toEqual({ findings: { max: 2000 }, followup: { max: 300 } });
  });

  it("refuses a follow-up without a date, or due before the inspection, and a year-old date", () => {
    const rows: Record<string, string>[] = [
      { "followup-1": "修灯" },
      { "due-3": "2026-12-01" },
      { "followup-1": "修灯", "due-1": "2026-11-28" },
      { "followup-1": "修灯", "due-1": "soon" },
    ];
    for (const fields of rows) {
      const parsed = parseForm(inspectionSchema(TODAY), form(fields));
      expect(!parsed.ok && parsed.errors).toEqual({ followup: "inspection.error.followup" });
    }
    const old = parseForm(inspectionSchema(TODAY), form({ date: "2025-11-28" }));
    expect(!old.ok && old.errors).toEqual({ date: "inspection.error.date" });
    const unknownSession = parseForm(inspectionSchema(TODAY), form({ session: "x'; drop" }));
    expect(unknownSession.ok && unknownSession.data.sessionKey).toBe(null);
  });
});
