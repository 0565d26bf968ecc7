import { describe, expect, it } from "vitest";
import { isOverdue, reportFigures, type ReportLike } from "./reports";

const now = new Date("2026-11-28T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const report = (over: Partial<ReportLike> & { age: number; took?: number }): ReportLike => ({
  category: over.category ?? "hygiene",
  status: over.status ?? (over.took === undefined ? "received" : "resolved"),
  created_at: hoursAgo(over.age),
  finished_at: over.took === undefined ? null : hoursAgo(over.age - over.took),
  due_at: hoursAgo(over.age - 48),
});

describe("report figures", () => {
  it("count, rate and median time over a window, by category", () => {
    const reports = [
      report({ age: 10, took: 2 }),
      report({ age: 20, took: 6, category: "noise" }),
      report({ age: 30, took: 10, status: "closed" }),
      report({ age: 60 }), // open and overdue
      report({ age: 24 * 40, took: 1 }), // outside 30 days, inside 90
    ];
    expect(reportFigures(reports, now, 30)).toEqual({
      received: 4,
      finished: 3,
      closureRate: 0.75,
      medianHours: 6,
      overdue: 1,
      byCategory: [
        { category: "hygiene", received: 3, finished: 2 },
        { category: "noise", received: 1, finished: 1 },
      ],
    });
    expect(reportFigures(reports, now, 90)).toMatchObject({
      received: 5,
      finished: 4,
      medianHours: 4,
    });
  });

  it("say nothing rather than 0 % when nothing came in", () => {
    expect(reportFigures([], now, 30)).toMatchObject({ closureRate: null, medianHours: null });
  });

  it("call a report overdue only while it is open", () => {
    expect(isOverdue(report({ age: 49 }), now)).toBe(true);
    expect(isOverdue(report({ age: 47 }), now)).toBe(false);
    expect(isOverdue(report({ age: 49, took: 1 }), now)).toBe(false);
  });
});
