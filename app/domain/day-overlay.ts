// The day sheet as the manager's phone shows it while actions wait to be synced (issue 19): the
// server's rows with the waiting actions applied on top, in the order they were recorded. Pure.
import type { QueuedAction, SyncResult } from "./day-sync";

export interface DayRowState {
  id: number;
  status: string;
  fee_collected_fen: number | null;
}

export function withWaiting<R extends DayRowState>(
  rows: R[],
  waiting: QueuedAction[],
): (R & { waiting: boolean })[] {
  return rows.map((row) => {
    const shown = { ...row, waiting: false };
    for (const action of waiting) {
      if (action.kind === "walkUp" || action.bookingId !== row.id) continue;
      shown.waiting = true;
      if (action.kind === "fee") shown.fee_collected_fen = action.amountFen;
      else if (shown.status === "confirmed")
        shown.status = action.kind === "checkIn" ? "checked_in" : "no_show";
    }
    return shown;
  });
}

/** Stalls given on the spot while offline: not offered again before the server has judged. */
export function stallsWaiting(waiting: QueuedAction[]): Set<number> {
  return new Set(waiting.flatMap((a) => (a.kind === "walkUp" ? [a.stallId] : [])));
}

/** Why the server did not record an action, as the last part of a `sync.why.*` message. */
export const SYNC_WHY = [
  "bookingCancelled",
  "markedAbsent",
  "checkedIn",
  "feeRecordedByOther",
  "stallTaken",
  "alreadyBooked",
  "clock",
  "checkInNotYet",
  "checkInOver",
  "tooEarly",
  "notFound",
  "notAllowed",
  "vendorNotFound",
  "vendorNotApproved",
  "categoryNotAllowed",
  "documentsMissing",
  "stallInBallot",
  "stallNotFound",
] as const;
export type SyncWhy = (typeof SYNC_WHY)[number] | "other";

export function syncWhy(result: SyncResult): SyncWhy {
  return (SYNC_WHY as readonly string[]).includes(result.code ?? "")
    ? (result.code as SyncWhy)
    : "other";
}

/** The answer a sync needs the manager to read: a conflict or a refusal. */
export const needsReading = (result: SyncResult) =>
  result.outcome === "conflict" || result.outcome === "refused";
