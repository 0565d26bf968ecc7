// Problem reports as the public sees them: how many came in, how many were dealt with, and how
// fast. Pure: the caller passes the reports and "now".
import type { ReportCategory, ReportStatus } from "#db/schema";

export const REPORT_CATEGORIES: ReportCategory[] = [
  "hygiene",
  "fire_safety",
  "blocked_passage",
  "noise",
  "prices_weights",
  "food_safety",
  "other",
];

/** How long a zone's managers have to deal with a report. */
export const REPORT_DUE_HOURS = 48;

export interface ReportLike {
  category: ReportCategory;
  status: ReportStatus;
  created_at: string;
  finished_at: string | null;
  due_at: string;
}

export const isFinished = (r: Pick<ReportLike, "status">) =>
  r.status === "resolved" || r.status === "closed";

export function isOverdue(r: Pick<ReportLike, "status" | "due_at">, now: Date): boolean {
  return !isFinished(r) && Date.parse(r.due_at) < now.getTime();
}

export interface ReportFigures {
  received: number;
  finished: number;
  /** Share of the reports received that have been resolved or closed, 0–1; null with none. */
  closureRate: number | null;
  /** Median hours from report to resolution or closure, of those finished; null with none. */
  medianHours: number | null;
  overdue: number;
  byCategory: { category: ReportCategory; received: number; finished: number }[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The figures of the reports received in the `days` before `now`. */
export function reportFigures(reports: ReportLike[], now: Date, days: number): ReportFigures {
  const since = now.getTime() - days * 86_400_000;
  const recent = reports.filter((r) => Date.parse(r.created_at) >= since);
  const finished = recent.filter(isFinished);
  const hours = finished
    .filter((r) => r.finished_at)
    .map((r) => (Date.parse(r.finished_at!) - Date.parse(r.created_at)) / 3_600_000);
  const m = median(hours);
  return {
    received: recent.length,
    finished: finished.length,
    closureRate: recent.length ? finished.length / recent.length : null,
    medianHours: m === null ? null : Math.round(m * 10) / 10,
    overdue: recent.filter((r) => isOverdue(r, now)).length,
    byCategory: REPORT_CATEGORIES.map((category) => ({
      category,
      received: recent.filter((r) => r.category === category).length,
      finished: finished.filter((r) => r.category === category).length,
    })).filter((c) => c.received > 0),
  };
}
