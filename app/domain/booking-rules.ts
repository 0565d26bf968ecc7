// Every rule a booking must pass, each with its own refusal, checked in the order a vendor
// would want to hear them: who they are, then what they picked, then when, then how many.
import type { BookingStatus, VendorStatus } from "#db/schema";
import { missingDocuments, type CategoryNeeds, type HeldDocument } from "./documents";
import { isSuspended } from "./vendor-review";

/** Booking statuses that hold the stall; the database's partial unique indexes use the same. */
export const HOLDING_STATUSES = [
  "pending",
  "confirmed",
  "checked_in",
] as const satisfies readonly BookingStatus[];

/** When a strike against a vendor happened: a no-show at its start, a late cancellation when made. */
export function strikeInstant(b: {
  status: BookingStatus;
  starts_at: string;
  cancelled_at: string | null;
}): string {
  return b.status === "no_show" ? b.starts_at : (b.cancelled_at ?? b.starts_at);
}

export interface BookingSettings {
  /** Booking opens this many days before a session starts. */
  bookingOpensDays: number;
  /** …and closes this many minutes before it starts. */
  bookingClosesMinutes: number;
  /** Most sessions a vendor may book in one week (Monday to Sunday). */
  weeklyQuota: number;
  /** Cancelling later than this many hours before the start is recorded as late. */
  cancelDeadlineHours: number;
  /** Bookings wait for a manager (pending) instead of being confirmed at once. */
  requiresApproval: boolean;
  /** Most stalls one category may hold in a session, to keep the mix. */
  categoryCaps: Record<string, number>;
  /** No-shows and late cancellations within `noShowWindowDays` that stop a vendor booking… */
  noShowThreshold: number;
  noShowWindowDays: number;
  /** …for this many days after the last of them. */
  noShowBanDays: number;
  /** Check-in and walk-ups open this many minutes before the start, and close at the end. */
  checkInOpensMinutes: number;
}

/** The defaults, each the value a zone has until its managers change it. */
export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  bookingOpensDays: 14,
  bookingClosesMinutes: 120,
  weeklyQuota: 6,
  cancelDeadlineHours: 24,
  requiresApproval: false,
  categoryCaps: {},
  noShowThreshold: 3,
  noShowWindowDays: 60,
  noShowBanDays: 14,
  checkInOpensMinutes: 60,
};

/** Every reason the booking rules can refuse, named once; each has a `book.refusal.<code>` message. */
export const RULE_REFUSALS = [
  "vendorNotApproved",
  "vendorSuspended",
  "categoryNotAllowed",
  "documentsMissing",
  "sessionStarted",
  "windowNotOpen",
  "windowClosed",
  "alreadyBooked",
  "weeklyQuota",
  "categoryCap",
  "penaltyBan",
  "stallInBallot",
  "stallTaken",
] as const;
export type RefusalCode = (typeof RULE_REFUSALS)[number];

/** A booking can also fail before the rules run: the session is not held, the stall is not open. */
export const BOOKING_REFUSALS = [...RULE_REFUSALS, "sessionNotHeld", "stallNotBookable"] as const;
export type BookingRefusalCode = (typeof BOOKING_REFUSALS)[number];

export interface Refusal {
  code: RefusalCode;
  params?: Record<string, string | number>;
}

/** What the rules need to know of a vendor and a session, whichever stall they look at. */
export interface SessionFacts {
  vendor: CategoryNeeds & {
    status: VendorStatus;
    suspended_until: string | null;
    category_slug: string;
  };
  documents: HeldDocument[];
  session: { localDate: string; startsAt: string };
  now: Date;
  /** Today's date where the zone is. */
  today: string;
  settings: BookingSettings;
  vendorHasBookingInSession: boolean;
  vendorBookingsInWeek: number;
  categoryBookingsInSession: number;
  /** Instants of the vendor's no-shows and late cancellations in this zone. */
  penaltyInstants: string[];
  /**
   * Booked ahead of the opening window, every other rule still holding: a week of a recurring
   * booking (that is what a series is for), or a stall the waiting list offered the vendor (a
   * ballot's loser waits for days further ahead than the window).
   */
  aheadOfWindow?: boolean;
}

/** …and of the stall: what it takes, and whether anyone else holds it (booked or offered). */
export interface StallFacts {
  categories: string[];
  free: boolean;
  /** Given out by a ballot not drawn yet (its winners' bookings come with the results). */
  inBallot?: boolean;
}

export interface BookingFacts extends SessionFacts {
  stall: StallFacts;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function bookingOpensAt(startsAt: string, settings: BookingSettings): Date {
  return new Date(Date.parse(startsAt) - settings.bookingOpensDays * DAY);
}

export function bookingClosesAt(startsAt: string, settings: BookingSettings): Date {
  return new Date(Date.parse(startsAt) - settings.bookingClosesMinutes * MINUTE);
}

/** Approved, or suspended with the suspension's last day past: a vendor who may take a stall. */
export function mayBook(
  vendor: { status: VendorStatus; suspended_until: string | null },
  today: string,
): boolean {
  if (isSuspended(vendor, today)) return false;
  return vendor.status === "approved" || vendor.status === "suspended";
}

/**
 * The one answer to "may this vendor book this stall now?", for the booking itself and for every
 * state and button the booking page shows. What concerns the vendor and session comes first (it
 * is the same for every stall, so the page says it once), then the stall.
 */
export function checkBooking(f: BookingFacts): Refusal | null {
  return sessionRefusal(f) ?? stallRefusal(f.stall, f.vendor.category_slug);
}

/** The refusals that hold for every stall of the session: who, papers, when, how many. */
export function sessionRefusal(f: SessionFacts): Refusal | null {
  if (isSuspended(f.vendor, f.today)) {
    return { code: "vendorSuspended", params: { until: f.vendor.suspended_until ?? "" } };
  }
  if (!mayBook(f.vendor, f.today)) return { code: "vendorNotApproved" };
  if (missingDocuments(f.vendor, f.documents, f.session.localDate).length > 0) {
    return { code: "documentsMissing" };
  }
  const now = f.now.getTime();
  if (now >= Date.parse(f.session.startsAt)) return { code: "sessionStarted" };
  const opens = bookingOpensAt(f.session.startsAt, f.settings);
  if (now < opens.getTime() && !f.aheadOfWindow) {
    return { code: "windowNotOpen", params: { opensAt: opens.toISOString() } };
  }
  if (now > bookingClosesAt(f.session.startsAt, f.settings).getTime()) {
    return { code: "windowClosed", params: { minutes: f.settings.bookingClosesMinutes } };
  }
  const banUntil = penaltyBanUntil(f.penaltyInstants, f.now, f.settings);
  if (banUntil) return { code: "penaltyBan", params: { until: banUntil.toISOString() } };
  if (f.vendorHasBookingInSession) return { code: "alreadyBooked" };
  if (f.vendorBookingsInWeek >= f.settings.weeklyQuota) {
    return { code: "weeklyQuota", params: { quota: f.settings.weeklyQuota } };
  }
  const cap = categoryCap(f.settings, f.vendor.category_slug);
  if (cap !== undefined && f.categoryBookingsInSession >= cap) {
    return { code: "categoryCap", params: { cap } };
  }
  return null;
}

/** How many stalls of one session a category may hold in the zone; undefined when uncapped. */
export function categoryCap(
  settings: Pick<BookingSettings, "categoryCaps">,
  category: string,
): number | undefined {
  return settings.categoryCaps[category];
}

/** The refusals of one stall: it does not take the vendor's category, or someone holds it. */
export function stallRefusal(stall: StallFacts, category: string): Refusal | null {
  if (!stall.categories.includes(category)) return { code: "categoryNotAllowed" };
  if (stall.inBallot) return { code: "stallInBallot" };
  if (!stall.free) return { code: "stallTaken" };
  return null;
}

/**
 * When a vendor's booking ban ends, or null when there is none: at `noShowThreshold` no-shows or
 * late cancellations within `noShowWindowDays`, booking stops for `noShowBanDays` after the
 * latest of them.
 */
export function penaltyBanUntil(
  instants: string[],
  now: Date,
  settings: BookingSettings,
): Date | null {
  const sorted = instants.map((i) => Date.parse(i)).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = settings.noShowThreshold - 1; i < sorted.length; i++) {
    const first = sorted[i - settings.noShowThreshold + 1]!;
    const last = sorted[i]!;
    if (settings.noShowThreshold > 0 && last - first <= settings.noShowWindowDays * DAY) {
      until = last + settings.noShowBanDays * DAY;
    }
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** What a booking costs: nothing on a public-welfare stall or for a public-welfare vendor. */
export function bookingFee(
  stall: { fee_fen: number; public_welfare: number },
  vendor: { public_welfare: number },
): number {
  return stall.public_welfare || vendor.public_welfare ? 0 : stall.fee_fen;
}

/** A cancellation after the zone's deadline is recorded as late. */
export function isLateCancellation(
  startsAt: string,
  now: Date,
  settings: BookingSettings,
): boolean {
  return now.getTime() > lateCancellationFrom(startsAt, settings).getTime();
}

/** The moment from which cancelling a booking counts as late: what a vendor is told before. */
export function lateCancellationFrom(startsAt: string, settings: BookingSettings): Date {
  return new Date(Date.parse(startsAt) - settings.cancelDeadlineHours * 60 * MINUTE);
}

/** Where a session stands for checking in and walk-ups: not yet, open, or over. */
export type CheckInState = "early" | "open" | "over";

/**
 * Check-in and walk-ups are open from `checkInOpensMinutes` before the start until the end: a
 * check-in the evening before, or after the market packed up, would not be attendance.
 */
export function checkInWindow(
  session: { startsAt: string; endsAt: string },
  settings: Pick<BookingSettings, "checkInOpensMinutes">,
  now: Date,
): { state: CheckInState; opensAt: string } {
  const opens = Date.parse(session.startsAt) - settings.checkInOpensMinutes * 60_000;
  const state =
    now.getTime() < opens ? "early" : now.getTime() >= Date.parse(session.endsAt) ? "over" : "open";
  return { state, opensAt: new Date(opens).toISOString() };
}
