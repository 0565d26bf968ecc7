import { describe, expect, it } from "vitest";
import {
  checkInWindow,
  bookingFee,
  checkBooking,
  DEFAULT_BOOKING_SETTINGS,
  isLateCancellation,
  lateCancellationFrom,
  penaltyBanUntil,
  type BookingFacts,
} from "./booking-rules";

// A Saturday evening session in Beijing: 17:30 local is 09:30 UTC.
const startsAt = "2026-12-05T09:30:00.000Z";
const facts: BookingFacts = {
  vendor: {
    status: "approved",
    suspended_until: null,
    category_slug: "fresh_produce",
    needs_health_certificate: 1,
    needs_food_permit: 0,
    public_welfare: 0,
  },
  documents: [
    { kind: "identity", expires_on: "2030-01-01" },
    { kind: "health_certificate", expires_on: "2027-01-01" },
  ],
  stall: { categories: ["fresh_produce", "daily_goods"], free: true },
  session: { localDate: "2026-12-05", startsAt },
  now: new Date("2026-11-28T12:00:00Z"),
  today: "2026-11-28",
  settings: DEFAULT_BOOKING_SETTINGS,
  vendorHasBookingInSession: false,
  vendorBookingsInWeek: 0,
  categoryBookingsInSession: 0,
  penaltyInstants: [],
};

const refusal = (changes: Partial<BookingFacts>) =>
  checkBooking({ ...facts, ...changes })?.code ?? null;

describe("checkBooking", () => {
  it("lets an approved vendor with valid papers book a stall that fits, in the window", () => {
    expect(checkBooking(facts)).toBeNull();
  });

  it.each([["pending"], ["changes_requested"], ["rejected"]] as const)(
    "refuses a %s vendor",
    (status) => {
      expect(refusal({ vendor: { ...facts.vendor, status } })).toBe("vendorNotApproved");
    },
  );

  it("refuses a suspended vendor until the suspension's last day has passed", () => {
    const vendor = { ...facts.vendor, status: "suspended" as const, suspended_until: "2026-11-30" };
    expect(checkBooking({ ...facts, vendor })).toEqual({
      code: "vendorSuspended",
      params: { until: "2026-11-30" },
    });
    expect(
      refusal({ vendor, today: "2026-12-01", now: new Date("2026-12-01T01:00:00Z") }),
    ).toBeNull();
  });

  it("refuses a stall that does not take the vendor's category", () => {
    expect(refusal({ stall: { categories: ["cooked_food"], free: true } })).toBe(
      "categoryNotAllowed",
    );
  });

  it("refuses a stall someone else holds, after what concerns the vendor", () => {
    expect(refusal({ stall: { ...facts.stall, free: false } })).toBe("stallTaken");
    expect(refusal({ stall: { ...facts.stall, free: false }, vendorBookingsInWeek: 6 })).toBe(
      "weeklyQuota",
    );
  });

  it("refuses when a needed paper has expired by the session's date, though valid today", () => {
    const documents = [
      { kind: "identity" as const, expires_on: "2030-01-01" },
      { kind: "health_certificate" as const, expires_on: "2026-12-04" },
    ];
    expect(refusal({ documents })).toBe("documentsMissing");
    expect(
      refusal({
        documents,
        session: { localDate: "2026-12-04", startsAt: "2026-12-04T09:30:00.000Z" },
      }),
    ).toBeNull();
  });

  it("opens the window 14 days before the start and closes it 2 hours before", () => {
    expect(refusal({ now: new Date("2026-11-21T09:29:00Z") })).toBe("windowNotOpen");
    expect(refusal({ now: new Date("2026-11-21T09:30:00Z") })).toBeNull();
    expect(refusal({ now: new Date("2026-12-05T07:30:00Z") })).toBeNull();
    expect(refusal({ now: new Date("2026-12-05T07:31:00Z") })).toBe("windowClosed");
    expect(refusal({ now: new Date("2026-12-05T09:30:00Z") })).toBe("sessionStarted");
    // A week of a series, or a stall the waiting list offered, is taken ahead of the window;
    // its close still holds.
    const ahead = { aheadOfWindow: true };
    expect(refusal({ ...ahead, now: new Date("2026-11-01T00:00:00Z") })).toBeNull();
    expect(refusal({ ...ahead, now: new Date("2026-12-05T07:31:00Z") })).toBe("windowClosed");
  });

  it("refuses a stall a ballot not yet drawn holds, after its category and before who took it", () => {
    expect(refusal({ stall: { categories: ["fresh_produce"], free: true, inBallot: true } })).toBe(
      "stallInBallot",
    );
    expect(refusal({ stall: { categories: ["crafts"], free: true, inBallot: true } })).toBe(
      "categoryNotAllowed",
    );
  });

  it("allows one stall per vendor per session", () => {
    expect(refusal({ vendorHasBookingInSession: true })).toBe("alreadyBooked");
  });

  it("keeps to the weekly quota", () => {
    expect(refusal({ vendorBookingsInWeek: 5 })).toBeNull();
    expect(checkBooking({ ...facts, vendorBookingsInWeek: 6 })).toEqual({
      code: "weeklyQuota",
      params: { quota: 6 },
    });
  });

  it("keeps to a category cap, and only for that category", () => {
    const settings = { ...DEFAULT_BOOKING_SETTINGS, categoryCaps: { fresh_produce: 4 } };
    expect(refusal({ settings, categoryBookingsInSession: 3 })).toBeNull();
    expect(refusal({ settings, categoryBookingsInSession: 4 })).toBe("categoryCap");
    const cooked = { ...DEFAULT_BOOKING_SETTINGS, categoryCaps: { cooked_food: 0 } };
    expect(refusal({ settings: cooked, categoryBookingsInSession: 99 })).toBeNull();
  });
});

describe("penalties for no-shows and late cancellations", () => {
  const strikes = ["2026-10-10T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-20T00:00:00Z"];
  it("stop booking for 14 days after the third within 60 days", () => {
    expect(penaltyBanUntil(strikes, now(), DEFAULT_BOOKING_SETTINGS)?.toISOString()).toBe(
      "2026-12-04T00:00:00.000Z",
    );
    expect(checkBooking({ ...facts, penaltyInstants: strikes })).toEqual({
      code: "penaltyBan",
      params: { until: "2026-12-04T00:00:00.000Z" },
    });
  });
  it("do not count strikes spread over more than 60 days, nor a ban that has ended", () => {
    expect(
      penaltyBanUntil(
        ["2026-08-01T00:00:00Z", "2026-09-15T00:00:00Z", "2026-11-20T00:00:00Z"],
        now(),
        DEFAULT_BOOKING_SETTINGS,
      ),
    ).toBeNull();
    expect(
      penaltyBanUntil(strikes, new Date("2026-12-04T00:00:01Z"), DEFAULT_BOOKING_SETTINGS),
    ).toBeNull();
    expect(penaltyBanUntil(strikes.slice(1), now(), DEFAULT_BOOKING_SETTINGS)).toBeNull();
  });
});

function now() {
  return facts.now;
}

describe("bookingFee", () => {
  it("charges the stall's fee, except on public-welfare stalls or to public-welfare vendors", () => {
    expect(bookingFee({ fee_fen: 500, public_welfare: 0 }, { public_welfare: 0 })).toBe(500);
    expect(bookingFee({ fee_fen: 500, public_welfare: 1 }, { public_welfare: 0 })).toBe(0);
    expect(bookingFee({ fee_fen: 500, public_welfare: 0 }, { public_welfare: 1 })).toBe(0);
  });
});

describe("isLateCancellation", () => {
  it("is late only after the deadline, 24 hours before the start by default", () => {
    expect(
      isLateCancellation(startsAt, new Date("2026-12-04T09:30:00Z"), DEFAULT_BOOKING_SETTINGS),
    ).toBe(false);
    expect(
      isLateCancellation(startsAt, new Date("2026-12-04T09:31:00Z"), DEFAULT_BOOKING_SETTINGS),
    ).toBe(true);
  });

  it("names the moment a cancellation becomes late, which is what the vendor is told", () => {
    const from = lateCancellationFrom(startsAt, {
      ...DEFAULT_BOOKING_SETTINGS,
      cancelDeadlineHours: 6,
    });
    expect(from.toISOString()).toBe(new Date(Date.parse(startsAt) - 6 * 3_600_000).toISOString());
    const settings = { ...DEFAULT_BOOKING_SETTINGS, cancelDeadlineHours: 6 };
    expect(isLateCancellation(startsAt, from, settings)).toBe(false);
    expect(isLateCancellation(startsAt, new Date(from.getTime() + 1), settings)).toBe(true);
  });
});

describe("the check-in window", () => {
  const session = { startsAt: "2026-12-01T22:00:00.000Z", endsAt: "2026-12-02T01:00:00.000Z" };
  const at = (iso: string, minutes = 60) =>
    checkInWindow(session, { checkInOpensMinutes: minutes }, new Date(iso)).state;
  it("is open from the zone's minutes before the start until the end", () => {
    expect(at("2026-12-01T20:59:59.999Z")).toBe("early");
    expect(at("2026-12-01T21:00:00.000Z")).toBe("open");
    expect(at("2026-12-02T00:59:59.999Z")).toBe("open");
    expect(at("2026-12-02T01:00:00.000Z")).toBe("over");
    expect(at("2026-12-01T21:40:00.000Z", 15)).toBe("early");
    expect(at("2026-12-01T21:45:00.000Z", 15)).toBe("open");
    expect(at("2026-12-01T22:00:00.000Z", 0)).toBe("open");
    expect(
      checkInWindow(session, { checkInOpensMinutes: 90 }, new Date("2026-12-01T12:00:00Z")),
    ).toEqual({ state: "early", opensAt: "2026-12-01T20:30:00.000Z" });
  });
});
