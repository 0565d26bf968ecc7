// The market day's actions recorded on a phone without signal and sent later (issue 19): what
// each may be, and how the server's answer reads. Pure: app/models/day-sync.server.ts judges.

export const DAY_ACTION_KINDS = ["checkIn", "noShow", "fee", "walkUp"] as const;
export type DayActionKind = (typeof DAY_ACTION_KINDS)[number];

/** An action's key, made on the phone: a retry sends the same one. */
export const ACTION_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Most actions one sync may carry: a long morning's worth for one market. */
export const MAX_SYNC_ACTIONS = 500;

/** How long an action may wait on the phone before it is too old to be believed. */
export const MAX_ACTION_AGE_HOURS = 24;

export type QueuedAction =
  | { key: string; kind: "checkIn" | "noShow"; bookingId: number; recordedAt: string }
  | {
      key: string;
      kind: "fee";
      bookingId: number;
      amountFen: number;
      /** What the phone showed as already collected when it was recorded (null: nothing). */
      expectedFen: number | null;
      recordedAt: string;
    }
  | {
      key: string;
      kind: "walkUp";
      stallId: number;
      identifier: string;
      /** The session, as the day sheet names it: 'YYYY-MM-DD|key'. */
      session: string;
      recordedAt: string;
    };

/**
 * What became of an action. `done`: recorded now. `already`: it had been (a retry, or another
 * manager did the same): nothing recorded twice. `conflict`: the day changed meanwhile and the
 * manager must look (the stall was taken, the booking cancelled, another amount recorded).
 * `refused`: the rules say no (too early, unknown booking), as they would have online.
 */
export type SyncOutcome = "done" | "already" | "conflict" | "refused";

export type SyncConflict =
  | "bookingCancelled"
  | "markedAbsent"
  | "checkedIn"
  | "feeRecordedByOther"
  | "stallTaken"
  | "alreadyBooked";

export interface SyncResult {
  key: string;
  outcome: SyncOutcome;
  /** Why, for a conflict or a refusal (a message key's last part). */
  code?: string;
  /** For a conflicting fee: the amount recorded by the other manager. */
  recordedFen?: number | null;
  bookingId?: number;
}

/**
 * The moment an action is judged at: when it was recorded on the phone, if that is believable (not
 * in the future beyond a little clock drift, not older than a day); null otherwise.
 */
export function actionMoment(recordedAt: string, now: Date): Date | null {
  const at = Date.parse(recordedAt);
  if (!Number.isFinite(at)) return null;
  if (at > now.getTime() + 5 * 60_000) return null;
  if (at < now.getTime() - MAX_ACTION_AGE_HOURS * 3_600_000) return null;
  return new Date(Math.min(at, now.getTime()));
}
