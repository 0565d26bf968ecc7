// The life of a vendor's application, and which decisions a manager may take from each state.
import type { VendorStatus } from "#db/schema";

export type ReviewDecision = "approve" | "requestChanges" | "reject" | "suspend" | "lift";
export const REVIEW_DECISIONS: ReviewDecision[] = [
  "approve",
  "requestChanges",
  "reject",
  "suspend",
  "lift",
];

const ALLOWED: Record<ReviewDecision, VendorStatus[]> = {
  approve: ["pending"],
  requestChanges: ["pending"],
  reject: ["pending", "changes_requested"],
  suspend: ["approved"],
  lift: ["suspended"],
};

const RESULT: Record<ReviewDecision, VendorStatus> = {
  approve: "approved",
  requestChanges: "changes_requested",
  reject: "rejected",
  suspend: "suspended",
  lift: "approved",
};

export function canDecide(decision: ReviewDecision, from: VendorStatus): boolean {
  return ALLOWED[decision].includes(from);
}

export function statusAfter(decision: ReviewDecision): VendorStatus {
  return RESULT[decision];
}

/** Decisions that the vendor must be given a reason for. */
export function needsReason(decision: ReviewDecision): boolean {
  return decision === "requestChanges" || decision === "reject" || decision === "suspend";
}

/** A vendor may send their application (again) while it waits or after changes were asked. */
export function canResubmit(status: VendorStatus): boolean {
  return status === "changes_requested";
}

/**
 * A suspension ends by itself after its last day. Before that the vendor can read everything
 * but cannot book.
 */
export function isSuspended(
  vendor: { status: VendorStatus; suspended_until: string | null },
  today: string,
): boolean {
  if (vendor.status !== "suspended") return false;
  return vendor.suspended_until === null || vendor.suspended_until >= today;
}

/**
 * Editing the legal name or the category changes who or what was verified, so the
 * application goes back to review; other profile fields do not.
 */
export function profileChangeNeedsReview(
  before: { legal_name: string; category_slug: string },
  after: { legal_name: string; category_slug: string },
): boolean {
  return before.legal_name !== after.legal_name || before.category_slug !== after.category_slug;
}
