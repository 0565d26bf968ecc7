// The booking page shows what booking would answer: every refusal the rules know is walked
// through both the booking itself and the page's choices, in the same situation.
import { describe, expect, it } from "vitest";
import {
  createApprovedVendor,
  createZoneLike,
  stallsTaking,
  templateKey,
  officeUserId,
} from "#db/testing/factories";
import { findSession } from "~/domain/calendar";
import { HOLDING_STATUSES, RULE_REFUSALS, type RefusalCode } from "~/domain/booking-rules";
import { db } from "~/utils/db.server";
import { openBallot } from "./ballot.server";
import { bookingChoices, bookStall, newIdempotencyKey } from "./booking.server";
import { loadZoneCalendar } from "./zone-calendar.server";

// Saturday 28 November 2026, 08:00 in Huguan; the morning market runs 06:00–09:00 every day.
const NOW = new Date("2026-11-28T00:00:00Z");

/** The zone's booking settings: the usual ones, with approval and caps as asked. */
async function settingsWith(
  zoneId: number,
  {
    requiresApproval,
    categoryCaps,
  }: { requiresApproval: boolean; categoryCaps: Record<string, number> },
) {
  await db
    .insertInto("zone_settings")
    .values({
      zone_id: zoneId,
      booking_opens_days: 14,
      booking_closes_minutes: 120,
      weekly_quota: 6,
      cancel_deadline_hours: 24,
      requires_approval: requiresApproval ? 1 : 0,
      category_caps: JSON.stringify(categoryCaps),
      updated_at: NOW.toISOString(),
    })
    .execute();
}

interface Situation {
  vendorId: number;
  stallId: number;
  localDate: string;
  now?: Date;
}

/** A market of its own for each situation, so that settings and bookings never mix. */
async function market() {
  const zone = await createZoneLike(db, "fuxin-community", {
    name: "规则集市",
    managerUserIds: [],
  });
  const stalls = await stallsTaking(db, zone.slug, "fresh_produce");
  const morning = await templateKey(db, zone.slug, "morning");
  const other = await db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .select("stalls.id")
    .where("layouts.zone_id", "=", zone.zoneId)
    .where("layouts.status", "=", "approved")
    .where(
      "stalls.id",
      "not in",
      stalls.map((s) => s.id),
    )
    .executeTakeFirstOrThrow();
  const book = (vendorId: number, stallId: number, localDate: string, now = NOW) =>
    bookStall(
      db,
      { vendorId, stallId, localDate, sessionKey: morning, idempotencyKey: newIdempotencyKey() },
      now,
    );
  return { ...zone, stalls, morning, otherStallId: other.id, book };
}
type Market = Awaited<ReturnType<typeof market>>;

const setStatus = (vendorId: number, status: "pending" | "suspended", until: string | null) =>
  db
    .updateTable("vendors")
    .set({ status, suspended_until: until })
    .where("id", "=", vendorId)
    .execute();

/** Each refusal the rules can give, and a situation that earns it. */
const SITUATIONS: Record<RefusalCode, (m: Market) => Promise<Situation>> = {
  async vendorNotApproved(m) {
    const { vendorId } = await createApprovedVendor(db);
    await setStatus(vendorId, "pending", null);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async vendorSuspended(m) {
    const { vendorId } = await createApprovedVendor(db);
    await setStatus(vendorId, "suspended", "2026-12-31");
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async categoryNotAllowed(m) {
    const { vendorId } = await createApprovedVendor(db);
    return { vendorId, stallId: m.otherStallId, localDate: "2026-12-01" };
  },
  async documentsMissing(m) {
    const { vendorId } = await createApprovedVendor(db);
    // Valid today, expired by the session's date.
    await db
      .updateTable("documents")
      .set({ expires_on: "2026-11-30" })
      .where("vendor_id", "=", vendorId)
      .execute();
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async sessionStarted(m) {
    const { vendorId } = await createApprovedVendor(db);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-11-28" };
  },
  async windowNotOpen(m) {
    const { vendorId } = await createApprovedVendor(db);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-20" };
  },
  async windowClosed(m) {
    const { vendorId } = await createApprovedVendor(db);
    // 05:00 on the 29th: the 06:00 market stopped taking bookings at 04:00.
    return {
      vendorId,
      stallId: m.stalls[0]!.id,
      localDate: "2026-11-29",
      now: new Date("2026-11-28T21:00:00Z"),
    };
  },
  async alreadyBooked(m) {
    const { vendorId } = await createApprovedVendor(db);
    expect((await m.book(vendorId, m.stalls[1]!.id, "2026-12-01")).ok).toBe(true);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async weeklyQuota(m) {
    const { vendorId } = await createApprovedVendor(db);
    for (const day of [
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
    ])
      expect((await m.book(vendorId, m.stalls[1]!.id, day)).ok).toBe(true);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-06" };
  },
  async categoryCap(m) {
    // Two of the category: one waiting for the manager's approval, one confirmed. Both count
    // (they are counted in two ways: confirmed ones by the session's tallies).
    await settingsWith(m.zoneId, { requiresApproval: true, categoryCaps: { fresh_produce: 2 } });
    const first = await createApprovedVendor(db);
    const pending = await m.book(first.vendorId, m.stalls[1]!.id, "2026-12-01");
    expect(pending.ok && pending.booking.status).toBe("pending");
    await db
      .updateTable("zone_settings")
      .set({ requires_approval: 0 })
      .where("zone_id", "=", m.zoneId)
      .execute();
    const second = await createApprovedVendor(db);
    const confirmed = await m.book(second.vendorId, m.stalls[2]!.id, "2026-12-01");
    expect(confirmed.ok && confirmed.booking.status).toBe("confirmed");
    const { vendorId } = await createApprovedVendor(db);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async penaltyBan(m) {
    const { vendorId } = await createApprovedVendor(db);
    // Three no-shows in the last fortnight.
    for (const day of ["2026-11-20", "2026-11-22", "2026-11-24"]) {
      // Booked three days ahead, as anyone would.
      const bookedAt = new Date(Date.parse(`${day}T00:00:00Z`) - 3 * 86_400_000);
      const made = await m.book(vendorId, m.stalls[2]!.id, day, bookedAt);
      if (!made.ok) throw new Error(`could not book ${day}: ${made.code}`);
      await db
        .updateTable("bookings")
        .set({ status: "no_show" })
        .where("id", "=", made.booking.id)
        .execute();
    }
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async stallInBallot(m) {
    const officeId = await officeUserId(db);
    // Only the morning sessions of the first week of December go by ballot.
    await openBallot(
      db,
      {
        zoneId: m.zoneId,
        titleZh: "十二月早市摇号",
        titleEn: "December mornings ballot",
        firstDate: "2026-12-01",
        lastDate: "2026-12-07",
        sessionKind: "morning",
        opensAt: NOW,
        closesAt: new Date("2026-11-29T00:00:00Z"),
        newcomerShare: 0.2,
        lookbackMonths: 6,
        stallIds: [m.stalls[0]!.id],
        actorUserId: officeId,
      },
      NOW,
    );
    const { vendorId } = await createApprovedVendor(db);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
  async stallTaken(m) {
    const first = await createApprovedVendor(db);
    expect((await m.book(first.vendorId, m.stalls[0]!.id, "2026-12-01")).ok).toBe(true);
    const { vendorId } = await createApprovedVendor(db);
    return { vendorId, stallId: m.stalls[0]!.id, localDate: "2026-12-01" };
  },
};

describe("the booking page and the booking give the same answer", () => {
  it("names every refusal the rules know", () => {
    expect(Object.keys(SITUATIONS).sort()).toEqual([...RULE_REFUSALS].sort());
  });

  it.each(RULE_REFUSALS.map((code) => [code]))("%s", async (code) => {
    const m = await market();
    const situation = await SITUATIONS[code](m);
    const now = situation.now ?? NOW;
    const calendar = (await loadZoneCalendar(db, m.zoneId))!;
    const session = findSession(calendar, situation.localDate, m.morning)!;
    const choices = await bookingChoices(
      db,
      {
        vendorId: situation.vendorId,
        zoneId: m.zoneId,
        timeZone: calendar.timeZone,
        sessions: [session],
        asked: `${session.localDate}|${session.key}`,
      },
      now,
    );
    const shown = choices.stalls.find((s) => s.id === situation.stallId);
    // The page: no Book button, and why.
    expect(shown?.refusal?.code).toBe(code);
    // The booking: refused for the same reason, with the same details.
    const booked = await m.book(situation.vendorId, situation.stallId, situation.localDate, now);
    expect(booked.ok).toBe(false);
    if (booked.ok) return;
    expect({ code: booked.code, params: booked.params }).toEqual({
      code: shown!.refusal!.code,
      params: shown!.refusal!.params,
    });
    // What holds for the whole session is said once, for the session.
    const forSession = !["categoryNotAllowed", "stallInBallot", "stallTaken"].includes(code);
    expect(choices.refusal?.code ?? null).toBe(forSession ? code : null);
    expect(choices.sessions[0]!.refusal?.code ?? null).toBe(forSession ? code : null);
  });

  it("counts a category's holding bookings as the pending ones and the tallies' others", () => {
    // The category cap reads the session tallies (confirmed and checked in, migration
    // 20261130190000) and counts pending bookings itself: a new holding status needs both.
    expect([...HOLDING_STATUSES].sort()).toEqual(["checked_in", "confirmed", "pending"]);
  });

  it("counts the category's bookings only where the zone caps the vendor's category", async () => {
    const m = await market();
    const { vendorId } = await createApprovedVendor(db);
    const calendar = (await loadZoneCalendar(db, m.zoneId))!;
    const session = findSession(calendar, "2026-12-01", m.morning)!;
    const choicesReading = async () => {
      let tallies = 0;
      const counting = db.withPlugin({
        transformQuery: ({ node }) => {
          if (JSON.stringify(node).includes('"session_tallies"')) tallies += 1;
          return node;
        },
        transformResult: async ({ result }) => result,
      });
      const choices = await bookingChoices(
        counting,
        { vendorId, zoneId: m.zoneId, timeZone: calendar.timeZone, sessions: [session] },
        NOW,
      );
      return { tallies, refusal: choices.refusal };
    };
    // Caps for other categories only: nothing to count for a seller of fresh produce.
    await settingsWith(m.zoneId, { requiresApproval: false, categoryCaps: { cooked_food: 1 } });
    expect(await choicesReading()).toEqual({ tallies: 0, refusal: null });
    await db
      .updateTable("zone_settings")
      .set({ category_caps: JSON.stringify({ cooked_food: 1, fresh_produce: 1 }) })
      .where("zone_id", "=", m.zoneId)
      .execute();
    expect(await choicesReading()).toEqual({ tallies: 1, refusal: null });
  });

  it("offers a free stall that fits, and books it", async () => {
    const m = await market();
    const { vendorId } = await createApprovedVendor(db);
    const calendar = (await loadZoneCalendar(db, m.zoneId))!;
    const session = findSession(calendar, "2026-12-01", m.morning)!;
    const choices = await bookingChoices(
      db,
      { vendorId, zoneId: m.zoneId, timeZone: calendar.timeZone, sessions: [session] },
      NOW,
    );
    expect(choices.chosen?.key).toBe(session.key);
    expect(choices.refusal).toBeNull();
    const stall = choices.stalls.find((s) => s.id === m.stalls[0]!.id)!;
    expect(stall.refusal).toBeNull();
    expect((await m.book(vendorId, stall.id, "2026-12-01")).ok).toBe(true);
  });
});
