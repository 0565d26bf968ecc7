// Booking a stall for a session. The rules are checked inside one transaction, and the partial
// unique indexes on `bookings` are the final guard: whatever races past the checks, a stall is
// held once per session and a vendor holds one stall per session.
import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import { violatedUniqueIndex } from "#db/errors";
import { prepared } from "#db/prepared";
import type { Booking, BookingStatus, Database } from "#db/schema";
import {
  bookingFee,
  categoryCap,
  checkBooking,
  HOLDING_STATUSES,
  strikeInstant,
  isLateCancellation,
  sessionRefusal,
  stallRefusal,
  type BookingRefusalCode,
  type BookingSettings,
  type Refusal,
  type SessionFacts,
} from "~/domain/booking-rules";
import type { HeldDocument } from "~/domain/documents";
import { addDays, compareIso, findSession, weekStart } from "~/domain/calendar";
import { nearestFirst, stallCentre } from "~/domain/stall-placement";
import { localMoment } from "~/domain/market-hours";
import { auditCounterAct, writeAudit } from "./audit.server";
import { stallsAwaitingDraw } from "./ballot-hold.server";
import { approvedStalls } from "./zone.server";
import { liveOffers, offerFreedStall, type SessionRef } from "./waitlist.server";
import { recordHit } from "./rate-limit.server";
import { getBookingSettings, loadZoneCalendar, zoneCalendar } from "./zone-calendar.server";
import { bookingKeys, inTransaction, queueFor } from "#db/transaction";

/** Statuses that hold the stall. */
export const ACTIVE: BookingStatus[] = [...HOLDING_STATUSES];

export interface BookInput {
  vendorId: number;
  stallId: number;
  localDate: string;
  sessionKey: string;
  idempotencyKey: string;
  /** Set for the weeks of a recurring booking: they share it, and skip the opening window. */
  seriesId?: string;
  /** Taking a stall the waiting list offered: held for them, so the opening window is no bar. */
  offered?: boolean;
  /** A counter clerk booking for the vendor: audited as theirs. */
  clerkUserId?: number;
  /**
   * Rate limits this try counts against (`book-vendor:…`), recorded in the booking's own
   * transaction: one commit for a booking, not one for the count and another for the booking.
   */
  countsAgainst?: string[];
  /** The market as the page read it (kept): the stall's calendar need not look it up again. */
  zone?: { id: number; time_zone: string };
}

export interface Alternative {
  id: number;
  code: string;
  distanceM: number;
}

export type BookResult =
  | { ok: true; booking: Booking; repeated: boolean }
  | {
      ok: false;
      /** Why, as a booking rule's code, with what the message needs (when booking opens…). */
      code: BookingRefusalCode;
      params?: Refusal["params"];
      alternatives: Alternative[];
    };

/** A session's bookings, joined with their stall, their vendor and the vendor's category. */
export function sessionBookings(db: Kysely<Database>, session: SessionRef) {
  return bookingsOfSession(db, session)
    .innerJoin("stalls", "stalls.id", "bookings.stall_id")
    .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
    .innerJoin("users", "users.id", "vendors.user_id")
    .innerJoin("categories", "categories.slug", "vendors.category_slug");
}

/** A session's bookings, alone. */
function bookingsOfSession(db: Kysely<Database>, session: SessionRef) {
  return db
    .selectFrom("bookings")
    .where("bookings.zone_id", "=", session.zoneId)
    .where("bookings.local_date", "=", session.localDate)
    .where("bookings.session_key", "=", session.sessionKey);
}

/** Bookings with the stall and market they are at. */
function bookingsWithPlace(db: Kysely<Database>) {
  return db
    .selectFrom("bookings")
    .innerJoin("stalls", "stalls.id", "bookings.stall_id")
    .innerJoin("zones", "zones.id", "bookings.zone_id");
}

/** Vendors as the booking rules see them: status, category and what the category needs. */
export function bookingVendors(db: Kysely<Database>) {
  return db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .innerJoin("categories", "categories.slug", "vendors.category_slug")
    .select([
      "vendors.id",
      "vendors.status",
      "vendors.suspended_until",
      "vendors.category_slug",
      "categories.needs_health_certificate",
      "categories.needs_food_permit",
      "categories.public_welfare",
    ]);
}

/** A vendor's papers that count: the newest of each kind. */
export function papersThatCount(db: Kysely<Database>, vendorId: number) {
  return currentPapers.all(db, { vendorId });
}

const currentPapers = prepared((db, p: { vendorId: number }) =>
  db
    .selectFrom("documents")
    .select(["kind", "expires_on"])
    .where("vendor_id", "=", p.vendorId)
    .where("replaced_at", "is", null),
);

const bookingVendor = prepared((db, p: { vendorId: number }) =>
  bookingVendors(db).where("vendors.id", "=", p.vendorId),
);
/**
 * The vendor's active bookings in some weeks (any market) and their strikes in one zone since a
 * day (no-shows and late cancellations): one statement, each row saying which it is.
 */
const bookingsAndStrikes = prepared(
  (db, p: { vendorId: number; from: string; to: string; zoneId: number; since: string }) =>
    db
      .selectFrom("bookings")
      .select((eb) => {
        const [inWeeks, strike] = bookingsOrStrikes(eb, p);
        return [
          "zone_id",
          "local_date",
          "session_key",
          "stall_id",
          "status",
          "starts_at",
          "cancelled_at",
          eb.case().when(inWeeks).then(1).else(0).end().as("in_weeks"),
          eb.case().when(strike).then(1).else(0).end().as("strike"),
        ];
      })
      .where("vendor_id", "=", p.vendorId)
      .where((eb) => eb.or(bookingsOrStrikes(eb, p))),
);
function bookingsOrStrikes(
  eb: ExpressionBuilder<Database, "bookings">,
  p: { from: string; to: string; zoneId: number; since: string },
) {
  return [
    eb.and([
      eb("status", "in", ACTIVE),
      eb("local_date", ">=", p.from),
      eb("local_date", "<=", p.to),
    ]),
    eb.and([
      eb("zone_id", "=", p.zoneId),
      eb("starts_at", ">=", p.since),
      eb.or([eb("status", "=", "no_show"), eb("cancelled_late", "=", 1)]),
    ]),
  ] as const;
}
/**
 * Active bookings of a category in each session of a zone. Confirmed and checked-in bookings are
 * counted by the session tallies' triggers in the same transaction as each change (migration
 * 20261130190000), so only pending ones, rare and only where bookings wait for approval, are
 * counted from the bookings: one statement, instead of joining every booking of the dates to its
 * vendor (the booking page's slowest read). A session may come in two rows: the caller adds them.
 */
const categoryBookingCounts = prepared(
  (db, p: { zoneId: number; from: string; to: string; category: string }) =>
    db
      .selectFrom("session_tallies")
      .select(["local_date", "session_key", "bookings as n"])
      .where("zone_id", "=", p.zoneId)
      .where("local_date", ">=", p.from)
      .where("local_date", "<=", p.to)
      .where("category_slug", "=", p.category)
      .unionAll(
        db
          .selectFrom("bookings")
          .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
          .select((eb) => [
            "bookings.local_date",
            "bookings.session_key",
            eb.fn.countAll<number>().as("n"),
          ])
          .where("bookings.zone_id", "=", p.zoneId)
          .where("bookings.local_date", ">=", p.from)
          .where("bookings.local_date", "<=", p.to)
          .where("bookings.status", "=", "pending")
          .where("vendors.category_slug", "=", p.category)
          .groupBy(["bookings.local_date", "bookings.session_key"]),
      ),
);
/** A vendor as the booking rules see them, with their papers, in one zone over some dates. */
export interface VendorContext {
  vendor: Awaited<ReturnType<ReturnType<typeof bookingVendors>["executeTakeFirstOrThrow"]>>;
  documents: HeldDocument[];
  settings: BookingSettings;
  /** The vendor's active bookings, any market, in the weeks (Monday–Sunday) of the dates. */
  bookings: { zone_id: number; local_date: string; session_key: string; stall_id: number }[];
  /**
   * Active bookings of the vendor's category in the zone, by "date|session key"; not read (empty)
   * when the zone does not cap that category.
   */
  categoryCounts: Map<string, number>;
  penaltyInstants: string[];
}

/**
 * Everything the rules ask of a vendor, for every session of a zone from `from` to `to`, in five
 * queries: the booking reads it for one session, the booking page for all it offers.
 */
export async function loadVendorContext(
  db: Kysely<Database>,
  {
    vendorId,
    zoneId,
    from,
    to,
    settings: known,
    vendor: knownVendor,
  }: {
    vendorId: number;
    zoneId: number;
    from: string;
    to: string;
    /** The zone's settings, when the caller has read them already. */
    settings?: BookingSettings;
    /** The vendor, when a page has read them already (a booking reads them in its transaction). */
    vendor?: VendorContext["vendor"];
  },
  now: Date,
): Promise<VendorContext> {
  const [vendor, documents, settings] = await Promise.all([
    knownVendor ?? bookingVendor.first(db, { vendorId }),
    papersThatCount(db, vendorId),
    known ?? getBookingSettings(db, zoneId),
  ]);
  if (!vendor) throw new Error(`No vendor ${vendorId}`);
  const since = new Date(
    now.getTime() - (settings.noShowWindowDays + settings.noShowBanDays) * 86_400_000,
  ).toISOString();
  const [rows, counts] = await Promise.all([
    bookingsAndStrikes.all(db, {
      vendorId,
      from: weekStart(from),
      to: addDays(weekStart(to), 6),
      zoneId,
      since,
    }),
    // Counted only where the zone caps the vendor's category: the rules ask for nothing else.
    categoryCap(settings, vendor.category_slug) === undefined
      ? []
      : categoryBookingCounts.all(db, { zoneId, from, to, category: vendor.category_slug }),
  ]);
  return {
    vendor,
    documents,
    settings,
    bookings: rows
      .filter((r) => Number(r.in_weeks) === 1)
      .map(({ zone_id, local_date, session_key, stall_id }) => ({
        zone_id,
        local_date,
        session_key,
        stall_id,
      })),
    categoryCounts: counts.reduce((byKey, c) => {
      const key = `${c.local_date}|${c.session_key}`;
      return byKey.set(key, (byKey.get(key) ?? 0) + Number(c.n));
    }, new Map<string, number>()),
    penaltyInstants: rows.filter((r) => Number(r.strike) === 1).map(strikeInstant),
  };
}

/** The rules' facts for one session of the zone, from what `loadVendorContext` read. */
export function sessionFacts(
  context: VendorContext,
  session: { zoneId: number; localDate: string; key: string; startsAt: string },
  timeZone: string,
  now: Date,
): SessionFacts {
  const monday = weekStart(session.localDate);
  const sunday = addDays(monday, 6);
  return {
    vendor: context.vendor,
    documents: context.documents,
    session,
    now,
    today: localMoment(now, timeZone).date,
    settings: context.settings,
    vendorHasBookingInSession: context.bookings.some(
      (b) =>
        b.zone_id === session.zoneId &&
        b.local_date === session.localDate &&
        b.session_key === session.key,
    ),
    vendorBookingsInWeek: context.bookings.filter(
      (b) => b.local_date >= monday && b.local_date <= sunday,
    ).length,
    categoryBookingsInSession:
      context.categoryCounts.get(`${session.localDate}|${session.key}`) ?? 0,
    penaltyInstants: context.penaltyInstants,
  };
}

/** The approved layout's stall with its zone and categories; undefined for any other stall. */
async function bookableStall(db: Kysely<Database>, stallId: number) {
  let rows = await stallOfId.all(db, { stallId });
  // A page opened before a new layout was approved still names the old stall: the stall of
  // the same code in the layout now in use is meant, if there is one.
  if (rows[0]?.status === "superseded")
    rows = await approvedStallOfCode.all(db, { zoneId: rows[0].zone_id, code: rows[0].code });
  const stall = rows[0];
  if (!stall || stall.status !== "approved") return undefined;
  const { status: _status, category_slug: _category, ...rest } = stall;
  return { ...rest, categories: rows.flatMap((r) => r.category_slug ?? []) };
}

/** A stall with its layout, a row for each category it may sell (one with none if it has none). */
function stallsWithLayout(db: Kysely<Database>) {
  return db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .leftJoin("stall_categories", "stall_categories.stall_id", "stalls.id")
    .select([
      "stalls.id",
      "stalls.code",
      "stalls.fee_fen",
      "stalls.public_welfare",
      "stalls.geometry",
      "layouts.zone_id",
      "layouts.status",
      "stall_categories.category_slug",
    ]);
}
const stallOfId = prepared((db, p: { stallId: number }) =>
  stallsWithLayout(db).where("stalls.id", "=", p.stallId),
);
const approvedStallOfCode = prepared((db, p: { zoneId: number; code: string }) =>
  stallsWithLayout(db)
    .where("layouts.zone_id", "=", p.zoneId)
    .where("layouts.status", "=", "approved")
    .where("stalls.code", "=", p.code),
);

async function existingByKey(db: Kysely<Database>, vendorId: number, key: string) {
  return bookingOfKey.first(db, { vendorId, key });
}

const bookingOfKey = prepared((db, p: { vendorId: number; key: string }) =>
  db
    .selectFrom("bookings")
    .selectAll()
    .where("vendor_id", "=", p.vendorId)
    .where("idempotency_key", "=", p.key),
);

async function decide(
  trx: Transaction<Database>,
  input: BookInput,
  now: Date,
): Promise<BookResult> {
  const repeat = await existingByKey(trx, input.vendorId, input.idempotencyKey);
  if (repeat) return { ok: true, booking: repeat, repeated: true };

  const stall = await bookableStall(trx, input.stallId);
  if (!stall) return { ok: false, code: "stallNotBookable", alternatives: [] };
  const ref = { zoneId: stall.zone_id, localDate: input.localDate, sessionKey: input.sessionKey };
  // Reference facts, as the process keeps them when this transaction sees the same (decision 035).
  // None is changed by a transaction that queues for the session, so they are read before it.
  const [calendar, settings, ballots] = await Promise.all([
    input.zone?.id === stall.zone_id
      ? zoneCalendar(trx, input.zone)
      : loadZoneCalendar(trx, stall.zone_id),
    getBookingSettings(trx, stall.zone_id),
    stallsAwaitingDraw(trx, ref),
  ]);
  const session = calendar && findSession(calendar, input.localDate, input.sessionKey);
  if (!calendar || !session) return { ok: false, code: "sessionNotHeld", alternatives: [] };

  // From here on, what other bookings of the session and the vendor may change: one at a time.
  await queueFor(trx, bookingKeys(input, input.vendorId));
  // The same form sent twice at once (to two instances, say) queues behind its twin: look again
  // for the booking the twin made, now that it has committed, so that both answers name it.
  const twin = await existingByKey(trx, input.vendorId, input.idempotencyKey);
  if (twin) return { ok: true, booking: twin, repeated: true };
  const context = await loadVendorContext(
    trx,
    {
      vendorId: input.vendorId,
      zoneId: stall.zone_id,
      from: input.localDate,
      to: input.localDate,
      settings,
    },
    now,
  );
  const { vendor } = context;
  const taken = await bookingOfStall.first(trx, { ...ref, stallId: stall.id });
  // A stall offered to someone on the waiting list is held for them until the offer ends.
  const offeredTo = (await liveOffers(trx, ref, now)).get(stall.id);
  const refusal = checkBooking({
    ...sessionFacts(context, { ...session, zoneId: stall.zone_id }, calendar.timeZone, now),
    aheadOfWindow: !!input.seriesId || !!input.offered,
    stall: {
      categories: stall.categories,
      free: !taken && (offeredTo === undefined || offeredTo === vendor.id),
      inBallot: ballots.has(stall.code),
    },
  });
  if (refusal) return { ok: false, ...refusal, alternatives: [] };

  const at = now.toISOString();
  const booking = await newBooking.first(trx, {
    zone_id: stall.zone_id,
    stall_id: stall.id,
    vendor_id: vendor.id,
    local_date: input.localDate,
    session_key: input.sessionKey,
    starts_at: session.startsAt,
    ends_at: session.endsAt,
    status: settings.requiresApproval ? "pending" : "confirmed",
    fee_fen: bookingFee(stall, vendor),
    idempotency_key: input.idempotencyKey,
    series_id: input.seriesId ?? null,
    created_at: at,
    updated_at: at,
  });
  if (!booking) throw new Error("The new booking was not returned");
  await auditCounterAct(trx, input.clerkUserId, {
    vendorId: vendor.id,
    action: "booking.created",
    entityType: "booking",
    entityId: booking.id,
    zoneId: stall.zone_id,
    after: { stall: stall.code, local_date: input.localDate, session_key: input.sessionKey },
    now,
  });
  // Whatever they were waiting for in this session, they have a stall now.
  await waitingBooked.run(trx, { ...ref, vendorId: vendor.id, at });
  return { ok: true, booking, repeated: false };
}

const bookingOfStall = prepared((db, p: SessionRef & { stallId: number }) =>
  db
    .selectFrom("bookings")
    .select("bookings.id")
    .where("zone_id", "=", p.zoneId)
    .where("local_date", "=", p.localDate)
    .where("session_key", "=", p.sessionKey)
    .where("status", "in", ACTIVE)
    .where("stall_id", "=", p.stallId),
);
const newBooking = prepared(
  (
    db,
    p: Pick<
      Booking,
      | "zone_id"
      | "stall_id"
      | "vendor_id"
      | "local_date"
      | "session_key"
      | "starts_at"
      | "ends_at"
      | "status"
      | "fee_fen"
      | "idempotency_key"
      | "series_id"
      | "created_at"
      | "updated_at"
    >,
  ) =>
    db
      .insertInto("bookings")
      .values({
        zone_id: p.zone_id,
        stall_id: p.stall_id,
        vendor_id: p.vendor_id,
        local_date: p.local_date,
        session_key: p.session_key,
        starts_at: p.starts_at,
        ends_at: p.ends_at,
        status: p.status,
        fee_fen: p.fee_fen,
        idempotency_key: p.idempotency_key,
        series_id: p.series_id,
        created_at: p.created_at,
        updated_at: p.updated_at,
      })
      .returningAll(),
);
const waitingBooked = prepared((db, p: SessionRef & { vendorId: number; at: string }) =>
  db
    .updateTable("waitlist_entries")
    .set({ status: "booked", updated_at: p.at })
    .where("vendor_id", "=", p.vendorId)
    .where("zone_id", "=", p.zoneId)
    .where("local_date", "=", p.localDate)
    .where("session_key", "=", p.sessionKey)
    .where("status", "in", ["waiting", "offered"]),
);

export async function bookStall(
  db: Kysely<Database>,
  input: BookInput,
  now: Date,
): Promise<BookResult> {
  let result: BookResult;
  const countTry = async (on: Kysely<Database>) => {
    for (const key of input.countsAgainst ?? []) await recordHit(on, key, now);
  };
  try {
    // Safe to run again when the connection broke: a first run that did commit is found by
    // its idempotency key and answered as the same booking.
    result = await inTransaction(
      db,
      async (trx) => {
        await countTry(trx);
        return decide(trx, input, now);
      },
      { serializeOn: "later", retryOnLostConnection: true },
    );
  } catch (error) {
    const index = violatedUniqueIndex(error);
    if (!index) throw error;
    // The transaction was undone, its count too: the try still counts.
    await countTry(db);
    // Someone else's request won the race the checks could not see (another process, or
    // another database connection): the database said no, and we say why.
    if (index === "bookings_vendor_idempotency") {
      const repeat = await existingByKey(db, input.vendorId, input.idempotencyKey);
      if (repeat) return { ok: true, booking: repeat, repeated: true };
    }
    result = {
      ok: false,
      code: index === "bookings_one_per_vendor_session" ? "alreadyBooked" : "stallTaken",
      alternatives: [],
    };
  }
  if (!result.ok && result.code === "stallTaken") {
    result.alternatives = await freeStallsNearby(db, input);
  }
  return result;
}

/** Free stalls in the same session that take the vendor's category, nearest first. */
export async function freeStallsNearby(
  db: Kysely<Database>,
  input: BookInput,
  limit = 5,
): Promise<Alternative[]> {
  const wanted = await bookableStall(db, input.stallId);
  const vendor = await db
    .selectFrom("vendors")
    .select("category_slug")
    .where("id", "=", input.vendorId)
    .executeTakeFirst();
  const from = wanted && stallCentre(wanted.geometry);
  if (!wanted || !vendor || !from) return [];
  const candidates = await db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .innerJoin("stall_categories", "stall_categories.stall_id", "stalls.id")
    .select(["stalls.id", "stalls.code", "stalls.geometry"])
    .where("layouts.zone_id", "=", wanted.zone_id)
    .where("layouts.status", "=", "approved")
    .where("stall_categories.category_slug", "=", vendor.category_slug)
    .where("stalls.id", "not in", (eb) =>
      eb
        .selectFrom("bookings")
        .select("stall_id")
        .where("zone_id", "=", wanted.zone_id)
        .where("local_date", "=", input.localDate)
        .where("session_key", "=", input.sessionKey)
        .where("status", "in", ACTIVE),
    )
    .execute();
  return nearestFirst(from, candidates)
    .slice(0, limit)
    .map(({ id, code, distanceM }) => ({ id, code, distanceM }));
}

export type CancelResult =
  { ok: true; late: boolean } | { ok: false; code: "notFound" | "notCancellable" | "started" };

/** The vendor cancels their own booking; after the zone's deadline it is recorded as late. */
export async function cancelBooking(
  db: Kysely<Database>,
  {
    bookingId,
    vendorId,
    clerkUserId,
  }: { bookingId: number; vendorId: number; clerkUserId?: number },
  now: Date,
): Promise<CancelResult> {
  // The session it frees: a waiting vendor may be offered the stall in the same transaction.
  const session = await db
    .selectFrom("bookings")
    .select(["local_date as localDate", "session_key as sessionKey"])
    .where("id", "=", bookingId)
    .executeTakeFirst();
  if (!session) return { ok: false, code: "notFound" };
  return inTransaction(
    db,
    async (trx) => {
      const booking = await trx
        .selectFrom("bookings")
        .select(["id", "zone_id", "stall_id", "local_date", "session_key", "starts_at", "status"])
        .where("id", "=", bookingId)
        .where("vendor_id", "=", vendorId)
        .executeTakeFirst();
      if (!booking) return { ok: false, code: "notFound" } as const;
      if (booking.status !== "pending" && booking.status !== "confirmed")
        return { ok: false, code: "notCancellable" } as const;
      if (now.getTime() >= Date.parse(booking.starts_at))
        return { ok: false, code: "started" } as const;
      const late = isLateCancellation(
        booking.starts_at,
        now,
        await getBookingSettings(trx, booking.zone_id),
      );
      await trx
        .updateTable("bookings")
        .set({
          status: "cancelled",
          cancelled_at: now.toISOString(),
          cancelled_late: late ? 1 : 0,
          updated_at: now.toISOString(),
        })
        .where("id", "=", booking.id)
        .execute();
      const owner = await trx
        .selectFrom("vendors")
        .select("user_id")
        .where("id", "=", vendorId)
        .executeTakeFirstOrThrow();
      await writeAudit(trx, {
        actorUserId: clerkUserId ?? owner.user_id,
        forVendorId: clerkUserId === undefined ? null : vendorId,
        action: late ? "booking.cancelled_late" : "booking.cancelled",
        entityType: "booking",
        entityId: booking.id,
        zoneId: booking.zone_id,
        before: { status: booking.status },
        after: { status: "cancelled", cancelled_late: late },
        now,
      });
      await offerFreedStall(
        trx,
        {
          zoneId: booking.zone_id,
          localDate: booking.local_date,
          sessionKey: booking.session_key,
          stallId: booking.stall_id,
          startsAt: booking.starts_at,
        },
        now,
      );
      return { ok: true, late };
    },
    { serializeOn: bookingKeys(session, vendorId) },
  );
}

/**
 * Cancels bookings for a reason of the market's own (a closure, a session dropped, a new
 * layout): free of charge, never counted as a late cancellation.
 */
export async function cancelByMarket(
  trx: Kysely<Database>,
  bookingIds: number[],
  reason: string,
  now: Date,
): Promise<void> {
  if (bookingIds.length === 0) return;
  await trx
    .updateTable("bookings")
    .set({
      status: "cancelled",
      cancelled_at: now.toISOString(),
      cancelled_late: 0,
      cancel_reason: reason,
      updated_at: now.toISOString(),
    })
    .where("id", "in", bookingIds)
    .execute();
}

export function newIdempotencyKey(): string {
  return randomUUID();
}

/** "ballot": given out by a ballot not drawn yet. */
export type StallState = "free" | "taken" | "held" | "ballot";

/**
 * A session's active bookings with what residents see of each vendor (names and products, never
 * contacts): one statement gives both the stalls' states and who is selling where.
 */
const activeBookings = prepared((db, session: SessionRef) =>
  sessionBookings(db, session)
    .select([
      "bookings.stall_id",
      "bookings.status",
      "stalls.code",
      "vendors.id as vendor_id",
      "users.display_name",
      "vendors.name_en",
      "vendors.products",
      "vendors.products_en",
      "categories.slug as category_slug",
      "categories.name_zh as category_zh",
      "categories.name_en as category_en",
      "categories.sort_order",
      "categories.public_welfare",
    ])
    .where("bookings.status", "in", ACTIVE)
    .orderBy("categories.sort_order")
    .orderBy("stalls.code"),
);

type ActiveBooking = Awaited<ReturnType<typeof activeBookings.all>>[number];

/** A session's active bookings, each with only its stall, status and vendor: a booking page's all. */
const stallHolders = prepared((db, session: SessionRef) =>
  bookingsOfSession(db, session)
    .select(["bookings.stall_id", "bookings.status", "bookings.vendor_id"])
    .where("bookings.status", "in", ACTIVE),
);

/**
 * Who is selling where in a session, from its active bookings, in the order of the list. Each
 * field named: `({ status, ...vendor }) => vendor` has V8 copy the rest one property at a time,
 * at run time, which was a fifth of a market page's loaders.
 */
function present(bookings: ActiveBooking[]) {
  return bookings
    .filter((b) => b.status === "confirmed" || b.status === "checked_in")
    .map((b) => ({
      stall_id: b.stall_id,
      code: b.code,
      vendor_id: b.vendor_id,
      display_name: b.display_name,
      name_en: b.name_en,
      products: b.products,
      products_en: b.products_en,
      category_slug: b.category_slug,
      category_zh: b.category_zh,
      category_en: b.category_en,
      sort_order: b.sort_order,
      public_welfare: b.public_welfare,
    }));
}

/** A session as its market page shows it: every stall with its state, and who is selling. */
export async function sessionView(db: Kysely<Database>, session: SessionRef, now: Date) {
  const { stalls, bookings } = await availabilityAndOffers(db, session, now, activeBookings);
  return { stalls, present: present(bookings) };
}

/** Every stall of a zone's approved layout with its state in one session. */
export async function sessionAvailability(
  db: Kysely<Database>,
  session: { zoneId: number; localDate: string; sessionKey: string },
  now: Date,
) {
  return (await availabilityAndOffers(db, session, now, activeBookings)).stalls;
}

/**
 * The session's stalls as `sessionAvailability` gives them, and who the waiting list offers which.
 * The bookings are read by `read`: with the vendors' names (`activeBookings`) for the market page
 * and the managers, without (`stallHolders`, `vendorName` null) for a vendor's booking page,
 * which shows no other vendor.
 */
async function availabilityAndOffers<
  B extends { stall_id: number; status: BookingStatus; vendor_id: number; display_name?: string },
>(
  db: Kysely<Database>,
  { zoneId, localDate, sessionKey }: { zoneId: number; localDate: string; sessionKey: string },
  now: Date,
  read: { all(db: Kysely<Database>, session: SessionRef): Promise<B[]> },
) {
  const session = { zoneId, localDate, sessionKey };
  const [offers, ballots, stalls, bookings] = await Promise.all([
    liveOffers(db, session, now),
    stallsAwaitingDraw(db, session),
    approvedStalls(db, zoneId),
    read.all(db, session),
  ]);
  const bookingOf = new Map(bookings.map((b) => [b.stall_id, b]));
  const available = stalls.map((stall) => {
    const booking = bookingOf.get(stall.id);
    const state: StallState = !booking
      ? offers.has(stall.id)
        ? "held"
        : ballots.has(stall.code)
          ? "ballot"
          : "free"
      : booking.status === "pending"
        ? "held"
        : "taken";
    return {
      ...stall,
      state,
      vendorId: booking?.vendor_id ?? null,
      vendorName: booking?.display_name ?? null,
    };
  });
  return { stalls: available, offers, bookings };
}

/**
 * What a vendor may book in the sessions a booking page offers, by the rules the booking itself
 * runs: each session with the refusal that holds for all its stalls (booking not open yet, a
 * stall of theirs already, the week full…), and the chosen session's stalls, each with its own.
 */
export async function bookingChoices<
  S extends { localDate: string; key: string; startsAt: string },
>(
  db: Kysely<Database>,
  input: {
    vendorId: number;
    zoneId: number;
    timeZone: string;
    /** The zone's settings, when the caller has read them already. */
    settings?: BookingSettings;
    /** The vendor `vendorId`, when the caller has read them already. */
    vendor?: VendorContext["vendor"];
    sessions: S[];
    /** The session asked for; without it, the first the vendor can book in, or the first. */
    asked?: string | null;
  },
  now: Date,
) {
  const { vendorId, zoneId, timeZone, sessions, settings, vendor } = input;
  const dates = sessions.map((s) => s.localDate).sort(compareIso);
  const context = await loadVendorContext(
    db,
    { vendorId, zoneId, from: dates[0] ?? "", to: dates.at(-1) ?? "", settings, vendor },
    now,
  );
  const factsOf = (s: S) => sessionFacts(context, { ...s, zoneId }, timeZone, now);
  const offered = sessions.map((s) => ({ ...s, refusal: sessionRefusal(factsOf(s)) }));
  const chosen =
    offered.find((s) => `${s.localDate}|${s.key}` === input.asked) ??
    offered.find((s) => !s.refusal) ??
    offered[0];
  const { stalls, offers } = chosen
    ? await availabilityAndOffers(
        db,
        { zoneId, localDate: chosen.localDate, sessionKey: chosen.key },
        now,
        stallHolders,
      )
    : { stalls: [], offers: new Map<number, number>() };
  const chosenRefusal = chosen?.refusal ?? null;
  return {
    vendor: context.vendor,
    sessions: offered,
    chosen,
    /** Why the vendor can book no stall of the chosen session, if so. */
    refusal: chosenRefusal,
    // Set on the availability's own fresh objects: a market of 2,000 stalls is not copied.
    stalls: stalls.map((s) => {
      const free =
        // A stall the waiting list offers this vendor is theirs to take; held for anyone else.
        s.state === "free" || (s.state === "held" && !s.vendorId && offers.get(s.id) === vendorId);
      return Object.assign(s, {
        free,
        refusal:
          chosenRefusal ??
          stallRefusal(
            { categories: s.categories, free, inBallot: s.state === "ballot" },
            context.vendor.category_slug,
          ),
      });
    }),
  };
}

/** A vendor's bookings with where and when, newest session first. */
export async function listVendorBookings(db: Kysely<Database>, vendorId: number) {
  return bookingsWithPlace(db)
    .select([
      "bookings.id",
      "bookings.zone_id",
      "bookings.local_date",
      "bookings.session_key",
      "bookings.starts_at",
      "bookings.ends_at",
      "bookings.status",
      "bookings.fee_fen",
      "bookings.cancelled_late",
      "bookings.series_id",
      "bookings.idempotency_key",
      "stalls.code as stall_code",
      "zones.slug as zone_slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
    ])
    .where("bookings.vendor_id", "=", vendorId)
    .orderBy("bookings.starts_at", "desc")
    .limit(200)
    .execute()
    .then((rows) =>
      rows.map(({ idempotency_key, ...b }) => ({
        ...b,
        /** Made by a ballot's draw, not by the vendor's own hand. */
        from_ballot: idempotency_key.startsWith("ballot:"),
      })),
    );
}

export const MAX_SERIES_WEEKS = 12;

export interface SeriesWeek {
  localDate: string;
  result: BookResult;
}

/**
 * The same stall and session every week for `weeks` weeks from `localDate`. Each week is its own
 * booking with its own rules: the weeks that pass are booked, the others come back with why.
 */
export async function bookSeries(
  db: Kysely<Database>,
  input: Omit<BookInput, "seriesId"> & { weeks: number },
  now: Date,
): Promise<{ seriesId: string; weeks: SeriesWeek[] }> {
  const seriesId = `series:${input.vendorId}:${input.idempotencyKey}`;
  const weeks: SeriesWeek[] = [];
  for (let i = 0; i < Math.min(input.weeks, MAX_SERIES_WEEKS); i++) {
    const localDate = addDays(input.localDate, 7 * i);
    const result = await bookStall(
      db,
      { ...input, localDate, idempotencyKey: `${input.idempotencyKey}:${i}`, seriesId },
      now,
    );
    weeks.push({ localDate, result });
  }
  return { seriesId, weeks };
}

/** Cancels a series from one of its bookings on: that date and every later one still active. */
export async function cancelSeriesFrom(
  db: Kysely<Database>,
  {
    bookingId,
    vendorId,
    clerkUserId,
  }: { bookingId: number; vendorId: number; clerkUserId?: number },
  now: Date,
): Promise<{ cancelled: number; late: number }> {
  const from = await db
    .selectFrom("bookings")
    .select(["series_id", "local_date"])
    .where("id", "=", bookingId)
    .where("vendor_id", "=", vendorId)
    .executeTakeFirst();
  if (!from?.series_id) return { cancelled: 0, late: 0 };
  const rest = await db
    .selectFrom("bookings")
    .select("id")
    .where("vendor_id", "=", vendorId)
    .where("series_id", "=", from.series_id)
    .where("local_date", ">=", from.local_date)
    .where("status", "in", ["pending", "confirmed"])
    .orderBy("local_date")
    .execute();
  let cancelled = 0;
  let late = 0;
  for (const b of rest) {
    const result = await cancelBooking(db, { bookingId: b.id, vendorId, clerkUserId }, now);
    if (result.ok) {
      cancelled += 1;
      if (result.late) late += 1;
    }
  }
  return { cancelled, late };
}

/** One booking of a vendor, with where and when, for its receipt. */
export async function getVendorBooking(
  db: Kysely<Database>,
  { id, vendorId }: { id: number; vendorId: number },
) {
  return bookingsWithPlace(db)
    .select([
      "bookings.id",
      "bookings.local_date",
      "bookings.starts_at",
      "bookings.ends_at",
      "bookings.status",
      "bookings.fee_fen",
      "stalls.code as stall_code",
      "zones.name_zh",
      "zones.name_en",
      "zones.address_zh",
      "zones.address_en",
      "zones.time_zone",
    ])
    .where("bookings.id", "=", id)
    .where("bookings.vendor_id", "=", vendorId)
    .executeTakeFirst();
}

/** A booking for the manager who scans its receipt, with the zone it belongs to. */
export async function getBookingForCheckIn(db: Kysely<Database>, id: number) {
  return bookingsWithPlace(db)
    .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select([
      "bookings.id",
      "bookings.zone_id",
      "bookings.local_date",
      "bookings.session_key",
      "bookings.starts_at",
      "bookings.status",
      "bookings.fee_fen",
      "stalls.code as stall_code",
      "zones.slug as zone_slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "users.display_name",
    ])
    .where("bookings.id", "=", id)
    .executeTakeFirst();
}

/** The vendor takes the stall the waiting list offered them, while the offer lasts. */
export async function acceptOffer(
  db: Kysely<Database>,
  { entryId, vendorId, clerkUserId }: { entryId: number; vendorId: number; clerkUserId?: number },
  now: Date,
): Promise<BookResult | { ok: false; code: "offerGone"; alternatives: [] }> {
  const entry = await db
    .selectFrom("waitlist_entries")
    .selectAll()
    .where("id", "=", entryId)
    .where("vendor_id", "=", vendorId)
    .where("status", "=", "offered")
    .where("offer_expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!entry?.offered_stall_id) return { ok: false, code: "offerGone", alternatives: [] };
  return bookStall(
    db,
    {
      vendorId,
      stallId: entry.offered_stall_id,
      localDate: entry.local_date,
      sessionKey: entry.session_key,
      idempotencyKey: `offer-${entryId}`,
      offered: true,
      clerkUserId,
    },
    now,
  );
}
