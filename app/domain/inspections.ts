// Safety inspections: the checklist, how its answers make a result, and when the next one is due.
import type { InspectionResult } from "#db/schema";
import { addDays } from "./calendar";

export const CHECKLIST = [
  "extinguishers", // present, charged and in date
  "fireLanes", // kept clear
  "electrical", // cables, sockets, no overloading
  "hygiene", // waste and cleanliness
  "weights", // scales checked, prices shown
] as const;
export type ChecklistItem = (typeof CHECKLIST)[number];
export type ChecklistAnswer = "ok" | "issue" | "na";

/** Follow-ups one inspection can set: enough for a visit, few enough for a phone form. */
export const FOLLOWUPS = 3;

/** A fault here endangers people at once: the inspection fails. */
const CRITICAL: ChecklistItem[] = ["extinguishers", "fireLanes", "electrical"];

export function inspectionResult(
  answers: Record<ChecklistItem, ChecklistAnswer>,
): InspectionResult {
  const issues = CHECKLIST.filter((item) => answers[item] === "issue");
  if (issues.some((item) => CRITICAL.includes(item))) return "fail";
  return issues.length ? "issues" : "pass";
}

export type InspectionDue = "ok" | "soon" | "overdue" | "never";

/** Where a zone stands against its interval: "soon" is within the last week before it is due. */
export function inspectionDue(
  lastDate: string | null,
  intervalDays: number,
  today: string,
): { state: InspectionDue; dueOn: string | null } {
  if (!lastDate) return { state: "never", dueOn: null };
  const dueOn = addDays(lastDate, intervalDays);
  if (today > dueOn) return { state: "overdue", dueOn };
  if (today > addDays(dueOn, -7)) return { state: "soon", dueOn };
  return { state: "ok", dueOn };
}
