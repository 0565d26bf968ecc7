// The market day, as a zone's manager runs it: who is here, who did not come, what was paid,
// and a free stall for a vendor who walks up. Every action is audited in its own transaction.
import type { Kysely } from "kysely";
import { violatedUniqueIndex } from "#db/errors";
import type { Database } from "#db/schema";
import { bookingFee, checkInWindow, mayBook } from "~/domain/booking-rules";
import { missingDocuments } from "~/domain/documents";
import { localMoment } from "~/domain/market-hours";
import { stallsAwaitingDraw } from "./ballot-hold.server";
import { writeAudit } from "./audit.server";
import {
  ACTIVE,
  bookingVendors,
  newIdempotencyKey,
  papersThatCount,
  sessionBookings,
} from "./booking.server";
import type { SessionRef } from "./waitlist.server";
import { normalizeIdentifier } from "./user.server";
import { notify } from "./notification.server";
import { recordIntegrityEvent } from "./integrity.server";
import { getBookingSettings } from "./zone-calendar.server";
import { bookingKeys, inTransaction } from "#db/transaction";

/** Minutes after the start from which a vendor who has not checked in may be marked absent. */
export const NO_SHOW_AFTER_MINUTES = 30;

export async function daySheet(db: Kysely<Database>, session: SessionRef) {
  return sessionBookings(db, session)
    .select([
      "bookings.id",
      "bookings.status",
      "bookings.fee_fen",
      "bookings.fee_collected_fen",
      "bookings.checked_in_at",
      "bookings.walk_up",
      "bookings.starts_at",
      "stalls.code",
      "users.display_name",
      "users.phone",
      "categories.name_zh as category_zh",
      "categories.name_en as category_en",
    ])
    .where("bookings.status", "in", [...ACTIVE, "no_show"])
    .orderBy("stalls.code")
    .execute();
}

interface DayAction {
  zoneId: number;
  bookingId: number;
  actorUserId: number;
  now: Date;
}

/** Refused outside the session's check-in window (app/domain/booking-rules.ts). */
export type WindowRefusal =
  { ok: false; code: "checkInNotYet"; opensAt: string } | { ok: false; code: "checkInOver" };

export type DayResult =
  { ok: true } | { ok: false; code: "notFound" | "notAllowed" | "tooEarly" } | WindowRefusal;

/** Whether check-in and walk-ups are open for the session now, as a refusal when not. */
async function windowRefusal(
  trx: Kysely<Database>,
  zoneId: number,
  session: { startsAt: string; endsAt: string },
  now: Date,
): Promise<WindowRefusal | null> {
  const window = checkInWindow(session, await getBookingSettings(trx, zoneId), now);
  if (window.state === "early")
    return { ok: false, code: "checkInNotYet", opensAt: window.opensAt };
  if (window.state === "over") return { ok: false, code: "checkInOver" };
  return null;
}

async function changeStatus(
  db: Kysely<Database>,
  { zoneId, bookingId, actorUserId, now }: DayAction,
  change: "checkIn" | "noShow" | "confirm" | "decline",
): Promise<DayResult> {
  return inTransaction(db, async (trx) => {
    const booking = await trx
      .selectFrom("bookings")
      .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
      .innerJoin("stalls", "stalls.id", "bookings.stall_id")
      .select([
        "bookings.id",
        "bookings.status",
        "bookings.starts_at",
        "bookings.ends_at",
        "bookings.local_date",
        "bookings.vendor_id",
        "vendors.user_id",
        "stalls.code",
      ])
      .where("bookings.id", "=", bookingId)
      .where("bookings.zone_id", "=", zoneId)
      .executeTakeFirst();
    if (!booking) return { ok: false, code: "notFound" };
    const from = change === "confirm" || change === "decline" ? "pending" : "confirmed";
    if (booking.status !== from) return { ok: false, code: "notAllowed" };
    if (
      change === "noShow" &&
      now.getTime() < Date.parse(booking.starts_at) + NO_SHOW_AFTER_MINUTES * 60_000
    ) {
      return { ok: false, code: "tooEarly" };
    }
    if (change === "checkIn") {
      const refused = await windowRefusal(
        trx,
        zoneId,
        { startsAt: booking.starts_at, endsAt: booking.ends_at },
        now,
      );
      if (refused) return refused;
    }
    const status = {
      checkIn: "checked_in",
      noShow: "no_show",
      confirm: "confirmed",
      decline: "declined",
    }[change] as "checked_in" | "no_show" | "confirmed" | "declined";
    await trx
      .updateTable("bookings")
      .set({
        status,
        updated_at: now.toISOString(),
        ...(change === "checkIn" ? { checked_in_at: now.toISOString() } : {}),
      })
      .where("id", "=", bookingId)
      .execute();
    await writeAudit(trx, {
      actorUserId,
      action: `booking.${change}`,
      entityType: "booking",
      entityId: bookingId,
      zoneId,
      before: { status: booking.status },
      after: { status },
      now,
    });
    if (change === "noShow")
      await recordIntegrityEvent(
        trx,
        {
          vendorId: booking.vendor_id,
          zoneId,
          kind: "no_show",
          sourceType: "booking",
          sourceId: bookingId,
          localDate: booking.local_date,
          reason: "",
          actorUserId,
        },
        now,
      );
    if (change !== "checkIn") {
      await notify(trx, {
        userId: booking.user_id,
        kind: `booking.${change}`,
        messageKey:
          change === "noShow"
            ? "inbox.noShow"
            : change === "confirm"
              ? "inbox.bookingConfirmed"
              : "inbox.bookingDeclined",
        params: { date: booking.local_date, stall: booking.code },
        link: "/vendor/bookings",
        now,
      });
    }
    return { ok: true };
  });
}

export const checkIn = (db: Kysely<Database>, a: DayAction) => changeStatus(db, a, "checkIn");
export const markNoShow = (db: Kysely<Database>, a: DayAction) => changeStatus(db, a, "noShow");
export const confirmBooking = (db: Kysely<Database>, a: DayAction) =>
  changeStatus(db, a, "confirm");
export const declineBooking = (db: Kysely<Database>, a: DayAction) =>
  changeStatus(db, a, "decline");

/** What was actually paid at the stall, in fen; the system records it and takes no payment. */
export async function recordFee(
  db: Kysely<Database>,
  { zoneId, bookingId, actorUserId, now }: DayAction,
  amountFen: number,
): Promise<DayResult> {
  return inTransaction(db, async (trx) => {
    const booking = await trx
      .selectFrom("bookings")
      .select(["id", "fee_collected_fen", "status"])
      .where("id", "=", bookingId)
      .where("zone_id", "=", zoneId)
      .executeTakeFirst();
    if (!booking) return { ok: false, code: "notFound" };
    if (booking.status !== "checked_in" && booking.status !== "confirmed")
      return { ok: false, code: "notAllowed" };
    await trx
      .updateTable("bookings")
      .set({ fee_collected_fen: amountFen, updated_at: now.toISOString() })
      .where("id", "=", bookingId)
      .execute();
    await writeAudit(trx, {
      actorUserId,
      action: "booking.fee_recorded",
      entityType: "booking",
      entityId: bookingId,
      zoneId,
      before: { fee_collected_fen: booking.fee_collected_fen },
      after: { fee_collected_fen: amountFen },
      now,
    });
    return { ok: true };
  });
}

export type WalkUpResult =
  | { ok: true; bookingId: number }
  | {
      ok: false;
      code:
        | "vendorNotFound"
        | "vendorNotApproved"
        | "categoryNotAllowed"
        | "documentsMissing"
        | "stallTaken"
        | "alreadyBooked"
        | "stallInBallot"
        | "stallNotFound";
    }
  | WindowRefusal;

/** The vendor a manager looks up for a walk-up, by phone or e-mail: who and what they sell. */
export async function findWalkUpVendor(db: Kysely<Database>, identifier: string) {
  if (!identifier.trim()) return undefined;
  const key = normalizeIdentifier(identifier);
  const query = bookingVendors(db).select([
    "users.display_name",
    "categories.name_zh as category_zh",
    "categories.name_en as category_en",
  ]);
  return (
    "email" in key
      ? query.where("users.email", "=", key.email)
      : query.where("users.phone", "=", key.phone)
  ).executeTakeFirst();
}

/**
 * A stall given on the spot to an approved vendor who walks up: the market's flexibility. The
 * booking window and quota do not apply; who the vendor is, their papers and the stall's
 * categories still do, and so does the database's one-booking-per-stall guard.
 */
export async function assignWalkUp(
  db: Kysely<Database>,
  input: {
    zoneId: number;
    stallId: number;
    identifier: string;
    localDate: string;
    sessionKey: string;
    startsAt: string;
    endsAt: string;
    actorUserId: number;
    timeZone: string;
    /** A synced action's own key (app/models/day-sync.server.ts): a retry finds the booking. */
    idempotencyKey?: string;
  },
  now: Date,
): Promise<WalkUpResult> {
  const key = normalizeIdentifier(input.identifier);
  try {
    return await inTransaction(
      db,
      async (trx): Promise<WalkUpResult> => {
        const refused = await windowRefusal(trx, input.zoneId, input, now);
        if (refused) return refused;
        let query = bookingVendors(trx);
        query =
          "email" in key
            ? query.where("users.email", "=", key.email)
            : query.where("users.phone", "=", key.phone);
        const vendor = await query.executeTakeFirst();
        if (!vendor) return { ok: false, code: "vendorNotFound" };
        const today = localMoment(now, input.timeZone).date;
        if (!mayBook(vendor, today)) return { ok: false, code: "vendorNotApproved" };
        const stall = await trx
          .selectFrom("stalls")
          .innerJoin("layouts", "layouts.id", "stalls.layout_id")
          .select(["stalls.id", "stalls.code", "stalls.fee_fen", "stalls.public_welfare"])
          .where("stalls.id", "=", input.stallId)
          .where("layouts.zone_id", "=", input.zoneId)
          .where("layouts.status", "=", "approved")
          .executeTakeFirst();
        if (!stall) return { ok: false, code: "stallNotFound" };
        if ((await stallsAwaitingDraw(trx, input)).has(stall.code))
          return { ok: false, code: "stallInBallot" };
        const fits = await trx
          .selectFrom("stall_categories")
          .select("stall_id")
          .where("stall_id", "=", stall.id)
          .where("category_slug", "=", vendor.category_slug)
          .executeTakeFirst();
        if (!fits) return { ok: false, code: "categoryNotAllowed" };
        const documents = await papersThatCount(trx, vendor.id);
        if (missingDocuments(vendor, documents, input.localDate).length > 0)
          return { ok: false, code: "documentsMissing" };
        const at = now.toISOString();
        const { id } = await trx
          .insertInto("bookings")
          .values({
            zone_id: input.zoneId,
            stall_id: stall.id,
            vendor_id: vendor.id,
            local_date: input.localDate,
            session_key: input.sessionKey,
            starts_at: input.startsAt,
            ends_at: input.endsAt,
            status: "checked_in",
            checked_in_at: at,
            walk_up: 1,
            fee_fen: bookingFee(stall, vendor),
            idempotency_key: input.idempotencyKey ?? newIdempotencyKey(),
            created_at: at,
            updated_at: at,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await writeAudit(trx, {
          actorUserId: input.actorUserId,
          action: "booking.walk_up",
          entityType: "booking",
          entityId: id,
          zoneId: input.zoneId,
          after: {
            stall_id: stall.id,
            vendor_id: vendor.id,
            local_date: input.localDate,
            session_key: input.sessionKey,
          },
          now,
        });
        return { ok: true, bookingId: id };
      },
      { serializeOn: bookingKeys(input) },
    );
  } catch (error) {
    const index = violatedUniqueIndex(error);
    if (index === "bookings_one_per_stall_session") return { ok: false, code: "stallTaken" };
    if (index === "bookings_one_per_vendor_session") return { ok: false, code: "alreadyBooked" };
    throw error;
  }
}
