import { describe, expect, it } from "vitest";
import { inspectionDue, inspectionResult } from "./inspections";

const all = (answer: "ok" | "issue" | "na") => ({
  extinguishers: answer,
  fireLanes: answer,
  electrical: answer,
  hygiene: answer,
  weights: answer,
});

describe("an inspection's result", () => {
  it("passes with no issue, has issues with minor ones, fails with a safety fault", () => {
    expect(inspectionResult(all("ok"))).toBe("pass");
    expect(inspectionResult({ ...all("ok"), weights: "na" })).toBe("pass");
    expect(inspectionResult({ ...all("ok"), hygiene: "issue" })).toBe("issues");
    expect(inspectionResult({ ...all("ok"), fireLanes: "issue" })).toBe("fail");
  });
});

describe("when the next inspection is due", () => {
  it("follows the zone's interval", () => {
    expect(inspectionDue(null, 30, "2026-11-28")).toEqual({ state: "never", dueOn: null });
    expect(inspectionDue("2026-11-20", 30, "2026-11-28")).toEqual({
      state: "ok",
      dueOn: "2026-12-20",
    });
    expect(inspectionDue("2026-11-01", 30, "2026-11-28")).toEqual({
      state: "soon",
      dueOn: "2026-12-01",
    });
    expect(inspectionDue("2026-10-01", 30, "2026-11-28")).toEqual({
      state: "overdue",
      dueOn: "2026-10-31",
    });
  });
});
