// What a manager's plan for a ballot must be before it is opened: pure, so the rules are tested
// without a database and said in the form field they concern.
import { compareIso, addDays } from "./calendar";

/** The longest run of days one ballot gives out: a season. */
export const MAX_BALLOT_DAYS = 92;
/** A form kept open a few minutes still opens "now". */
const OPENS_GRACE_MS = 10 * 60_000;

export type BallotPlanProblem =
  "dates" | "tooLong" | "opensPast" | "window" | "closesLate" | "noSessions" | "noStalls";

export interface BallotPlan {
  firstDate: string;
  lastDate: string;
  opensAt: Date;
  closesAt: Date;
  /** Its first session's start, or null when none is held on its days. */
  firstSessionStartsAt: string | null;
  stalls: number;
}

/** Each problem under the field that causes it; empty when the plan can be opened. */
export function ballotPlanProblems(
  plan: BallotPlan,
  now: Date,
): Partial<Record<"lastDate" | "opens" | "closes" | "firstDate" | "rows", BallotPlanProblem>> {
  const problems: ReturnType<typeof ballotPlanProblems> = {};
  if (compareIso(plan.lastDate, plan.firstDate) < 0) problems.lastDate = "dates";
  else if (compareIso(plan.lastDate, addDays(plan.firstDate, MAX_BALLOT_DAYS - 1)) > 0)
    problems.lastDate = "tooLong";
  if (plan.opensAt.getTime() < now.getTime() - OPENS_GRACE_MS) problems.opens = "opensPast";
  if (plan.closesAt.getTime() <= plan.opensAt.getTime()) problems.closes = "window";
  else if (plan.firstSessionStartsAt && plan.closesAt >= new Date(plan.firstSessionStartsAt))
    problems.closes = "closesLate";
  if (!problems.lastDate && !plan.firstSessionStartsAt) problems.firstDate = "noSessions";
  if (plan.stalls === 0) problems.rows = "noStalls";
  return problems;
}
