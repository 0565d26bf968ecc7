// The integrity record (诚信记录), warm by design: every vendor starts each quarter with 12
// points; only recorded events with a source take points away; the first minor matter of a
// quarter is a warning (柔性执法); an annulled event or an upheld appeal stops counting; a
// quarter the vendor traded in without losing a point earns the 诚信摊主 mark. Pure: the model
// reads the events and the county's rules (docs/decisions/025-integrity-record.md).
import type { AppealState, Flag, IntegrityKind, StallFindingKind } from "#db/schema";

export const QUARTER_POINTS = 12;

export const INTEGRITY_KINDS: IntegrityKind[] = [
  "no_show",
  "report_upheld",
  "prices_not_shown",
  "prices_differ",
  "hygiene",
  "safety",
];

/** What an inspector can record at one stall, in the order of the form. */
export const STALL_FINDINGS: StallFindingKind[] = [
  "prices_not_shown",
  "prices_differ",
  "hygiene",
  "safety",
];

/** What an inspector found at one stall, about the vendor booked there that session. */
export interface StallFinding {
  stallCode: string;
  kind: StallFindingKind;
  note: string;
}

/** Rows of stall findings one inspection form offers. */
export const FINDING_ROWS = 3;

export interface IntegrityRule {
  kind: IntegrityKind;
  points: number;
  minor: Flag;
}

/** Most points one rule may cost: a quarter's whole allowance. */
export const MAX_RULE_POINTS = QUARTER_POINTS;

/** "2026-Q4" for a market day in October to December 2026. */
export function quarterOf(localDate: string): string {
  const month = Number(localDate.slice(5, 7));
  return `${localDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The first and last day of a quarter. */
export function quarterDates(quarter: string): { first: string; last: string } {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(Number(year), lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    first: `${year}-${pad(firstMonth)}-01`,
    last: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export interface EventLike {
  id: number;
  local_date: string;
  points: number;
  minor: Flag;
  annulled_at: string | null;
  appeal_state: AppealState | null;
}

/** What an event does to its quarter now. */
export type EventEffect = "deducted" | "warning" | "annulled" | "restored";

export interface QuarterScore {
  remaining: number;
  deducted: number;
  warnings: number;
  effects: Map<number, { effect: EventEffect; points: number }>;
}

/**
 * A quarter's standing from its events, in the order they happened. An event still under appeal
 * counts until the office decides. The warning goes to the first minor event that stands, so
 * annulling the first passes it on to the next.
 */
export function scoreQuarter(events: EventLike[]): QuarterScore {
  const effects = new Map<number, { effect: EventEffect; points: number }>();
  let deducted = 0;
  let warnings = 0;
  const ordered = [...events].sort(
    (a, b) => a.local_date.localeCompare(b.local_date) || a.id - b.id,
  );
  for (const e of ordered) {
    if (e.annulled_at) effects.set(e.id, { effect: "annulled", points: 0 });
    else if (e.appeal_state === "upheld") effects.set(e.id, { effect: "restored", points: 0 });
    else if (e.minor && warnings === 0) {
      warnings++;
      effects.set(e.id, { effect: "warning", points: 0 });
    } else {
      deducted += e.points;
      effects.set(e.id, { effect: "deducted", points: e.points });
    }
  }
  return { remaining: Math.max(0, QUARTER_POINTS - deducted), deducted, warnings, effects };
}

/** A vendor may appeal an event once, while it stands. */
export const mayAppeal = (e: Pick<EventLike, "annulled_at" | "appeal_state">) =>
  !e.annulled_at && e.appeal_state === null;

/** A manager may annul an event that still stands. */
export const mayAnnul = (e: Pick<EventLike, "annulled_at" | "appeal_state">) =>
  !e.annulled_at && e.appeal_state !== "upheld";

/** The office decides an appeal that waits. */
export const mayDecide = (e: Pick<EventLike, "annulled_at" | "appeal_state">) =>
  !e.annulled_at && e.appeal_state === "pending";

/**
 * The 诚信摊主 mark: the last finished quarter, if the vendor traded in it (was checked in at
 * least once) and lost no point in it; a warning does not take it away. Null otherwise.
 */
export function integrityMark(
  today: string,
  tradedIn: ReadonlySet<string>,
  eventsByQuarter: ReadonlyMap<string, EventLike[]>,
): string | null {
  const quarter = previousQuarter(quarterOf(today));
  if (!tradedIn.has(quarter)) return null;
  return scoreQuarter(eventsByQuarter.get(quarter) ?? []).deducted === 0 ? quarter : null;
}
