import { describe, expect, it } from "vitest";
import {
  canDecide,
  isSuspended,
  needsReason,
  profileChangeNeedsReview,
  statusAfter,
} from "./vendor-review";

describe("review decisions", () => {
  it.each([
    ["approve", "pending", true],
    ["approve", "rejected", false],
    ["approve", "changes_requested", false],
    ["requestChanges", "pending", true],
    ["reject", "changes_requested", true],
    ["suspend", "approved", true],
    ["suspend", "pending", false],
    ["lift", "suspended", true],
    ["lift", "approved", false],
  ] as const)("%s from %s is allowed: %s", (decision, from, allowed) => {
    expect(canDecide(decision, from)).toBe(allowed);
  });

  it("lead where they say, and ask for a reason where the vendor needs one", () => {
    expect(statusAfter("requestChanges")).toBe("changes_requested");
    expect(statusAfter("lift")).toBe("approved");
    expect(needsReason("approve")).toBe(false);
    expect(needsReason("reject")).toBe(true);
    expect(needsReason("suspend")).toBe(true);
  });
});

describe("isSuspended", () => {
  it("holds through the last day and ends by itself after it", () => {
    const vendor = { status: "suspended" as const, suspended_until: "2026-12-01" };
    expect(isSuspended(vendor, "2026-12-01")).toBe(true);
    expect(isSuspended(vendor, "2026-12-02")).toBe(false);
    expect(isSuspended({ status: "approved", suspended_until: null }, "2026-12-01")).toBe(false);
  });
});

describe("profileChangeNeedsReview", () => {
  const before = { legal_name: "王桂兰", category_slug: "fresh_produce" };
  it("is true for a new legal name or category only", () => {
    expect(profileChangeNeedsReview(before, { ...before })).toBe(false);
    expect(profileChangeNeedsReview(before, { ...before, legal_name: "王桂芳" })).toBe(true);
    expect(profileChangeNeedsReview(before, { ...before, category_slug: "cooked_food" })).toBe(
      true,
    );
  });
});
