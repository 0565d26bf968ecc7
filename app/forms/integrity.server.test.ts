import { describe, expect, it } from "vitest";
import { INTEGRITY_KINDS } from "~/domain/integrity";
import { parseForm } from "~/utils/form.server";
import { AppealSchema, ManageIntegritySchema, readRules } from "./integrity.server";

function rulesForm(points: Record<string, string>, minor: string[] = []) {
  const form = new FormData();
  for (const kind of INTEGRITY_KINDS) form.set(`points-${kind}`, points[kind] ?? "2");
  for (const kind of minor) form.set(`minor-${kind}`, "on");
  return form;
}

describe("the integrity forms", () => {
  it("read the county's rules: whole points 0–12 for every kind, minor when ticked", () => {
    expect(readRules(rulesForm({ safety: "12", no_show: "0" }, ["no_show"]))).toEqual(
      INTEGRITY_KINDS.map((kind) => ({
        kind,
        points: kind === "safety" ? 12 : kind === "no_show" ? 0 : 2,
        minor: kind === "no_show" ? 1 : 0,
      })),
    );
    for (const bad of ["13", "-1", "2.5", "", "二", "1e1"])
      expect(readRules(rulesForm({ hygiene: bad }))).toBeNull();
    const missing = rulesForm({});
    missing.delete("points-safety");
    expect(readRules(missing)).toBeNull();
  });

  it("refuse an appeal or a decision without words, or with too many, by message key", () => {
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      return data;
    };
    const short = parseForm(AppealSchema, form({ intent: "appeal", eventId: "3", text: " x " }));
    expect(!short.ok && short.errors).toEqual({ text: "integrity.error.text" });
    const long = parseForm(
      ManageIntegritySchema,
      form({ intent: "annul", eventId: "3", text: "字".repeat(501) }),
    );
    expect(!long.ok && long.errors).toEqual({ text: "integrity.error.text" });
    const hostile = parseForm(
      ManageIntegritySchema,
      form({ intent: "uphold", eventId: "1e400", text: "理由充分" }),
    );
    expect(hostile.ok).toBe(false);
    const ok = parseForm(
      AppealSchema,
      form({ intent: "appeal", eventId: "7", text: " 那天停电 " }),
    );
    expect(ok.ok && ok.data).toEqual({ intent: "appeal", eventId: 7, text: "那天停电" });
  });
});
