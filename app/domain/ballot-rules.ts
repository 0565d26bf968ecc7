// Who may apply to a ballot, what an application may ask for, and what a vendor's history
// counts for in the draw (app/domain/ballot-draw.ts). Pure: the model reads the facts.
import type { BookingStatus, ZoneKind } from "#db/schema";
import type { BallotGroup } from "./ballot-draw";
import { mayBook, penaltyBanUntil, type BookingSettings } from "./booking-rules";
import { missingDocuments, type CategoryNeeds, type HeldDocument } from "./documents";
import { isSuspended } from "./vendor-review";

/** Where a ballot is: before its window, in it, closed awaiting the draw, drawn. */
export type BallotState = "upcoming" | "open" | "closed" | "drawn";

/** Most ranked choices an application may carry. */
export const MAX_PREFERENCES = 5;

export const BALLOT_REFUSALS = [
  "ballotNotOpen",
  "ballotClosed",
  "vendorSuspended",
  "vendorNotApproved",
  "documentsMissing",
  "penaltyBan",
  "ballotTooManyChoices",
  "ballotUnknownChoice",
  "ballotNoChoice",
  "ballotOwnProduceRural",
] as const;
export type BallotRefusal = (typeof BALLOT_REFUSALS)[number];

export interface ApplicationFacts {
  vendor: CategoryNeeds & {
    status: Parameters<typeof mayBook>[0]["status"];
    suspended_until: string | null;
  };
  documents: HeldDocument[];
  /** The vendor's no-shows and late cancellations in the zone (when each happened). */
  penaltyInstants: string[];
  settings: BookingSettings;
  ballot: {
    opensAt: string;
    closesAt: string;
    /** The last market day it allocates: papers must hold until then. */
    lastDate: string;
    zoneKind: ZoneKind;
    stallCodes: string[];
    rows: string[];
  };
  today: string;
  now: Date;
  choice: { preferences: string[]; anyStall: boolean; ownProduce: boolean };
}

/** Why an application cannot be made or changed now, or null when it can. */
export function applicationRefusal(f: ApplicationFacts): BallotRefusal | null {
  const now = f.now.getTime();
  if (now < Date.parse(f.ballot.opensAt)) return "ballotNotOpen";
  if (now >= Date.parse(f.ballot.closesAt)) return "ballotClosed";
  if (isSuspended(f.vendor, f.today)) return "vendorSuspended";
  if (!mayBook(f.vendor, f.today)) return "vendorNotApproved";
  if (missingDocuments(f.vendor, f.documents, f.ballot.lastDate).length > 0)
    return "documentsMissing";
  if (penaltyBanUntil(f.penaltyInstants, f.now, f.settings)) return "penaltyBan";
  const { preferences, anyStall, ownProduce } = f.choice;
  if (preferences.length > MAX_PREFERENCES) return "ballotTooManyChoices";
  const known = new Set([
    ...f.ballot.stallCodes.map((c) => `stall:${c}`),
    ...f.ballot.rows.map((r) => `row:${r}`),
  ]);
  if (preferences.some((p) => !known.has(p))) return "ballotUnknownChoice";
  if (preferences.length === 0 && !anyStall) return "ballotNoChoice";
  if (ownProduce && f.ballot.zoneKind !== "rural") return "ballotOwnProduceRural";
  return null;
}

/** A stall code's row: the letters before the dash ("A-04" → "A"), or the code itself. */
export function stallRow(code: string): string {
  const dash = code.indexOf("-");
  return dash > 0 ? code.slice(0, dash) : code;
}

export interface HistoryBooking {
  status: BookingStatus;
  starts_at: string;
  cancelled_late: number;
}

/**
 * What a vendor's history in the zone counts for: sessions kept (checked in) since `since`,
 * less no-shows and late cancellations since then, never below 0; a newcomer has never been
 * checked in there at all.
 */
export function standing(
  history: HistoryBooking[],
  since: string,
): { seniority: number; newcomer: boolean } {
  const recent = history.filter((b) => b.starts_at >= since);
  const kept = recent.filter((b) => b.status === "checked_in").length;
  const strikes = recent.filter((b) => b.status === "no_show" || b.cancelled_late === 1).length;
  return {
    seniority: Math.max(0, kept - strikes),
    newcomer: !history.some((b) => b.status === "checked_in"),
  };
}

/** The priority group: welfare services, then (rural markets) farmers' own produce, then all. */
export function ballotGroup(
  vendor: { public_welfare: number },
  zoneKind: ZoneKind,
  ownProduce: boolean,
): BallotGroup {
  if (vendor.public_welfare === 1) return "welfare";
  if (zoneKind === "rural" && ownProduce) return "farmer";
  return "regular";
}
