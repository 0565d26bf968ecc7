// Waiting lists. When a stall is freed, the first waiting vendor it fits is offered it, held for
// two hours (or until booking closes); an offer not taken moves on to the next.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { bookingClosesAt, HOLDING_STATUSES } from "~/domain/booking-rules";
import { findSession } from "~/domain/calendar";
import { auditCounterAct, writeAudit } from "./audit.server";
import { notify } from "./notification.server";
import { topicOf } from "./outbox.server";
import { getBookingSettings, loadZoneCalendar } from "./zone-calendar.server";
import { isPostgres } from "#db/portable";
import { prepared } from "#db/prepared";
import { bookingKeys, inTransaction } from "#db/transaction";

export const OFFER_HOLD_MS = 2 * 60 * 60 * 1000;

export interface SessionRef {
  zoneId: number;
  localDate: string;
  sessionKey: string;
}

export type JoinResult =
  { ok: true; id: number } | { ok: false; code: "already" | "sessionNotHeld" };

export async function joinWaitlist(
  db: Kysely<Database>,
  input: SessionRef & { vendorId: number; stallId: number | null; clerkUserId?: number },
  now: Date,
): Promise<JoinResult> {
  const calendar = await loadZoneCalendar(db, input.zoneId);
  if (!calendar || !findSession(calendar, input.localDate, input.sessionKey))
    return { ok: false, code: "sessionNotHeld" };
  const live = await db
    .selectFrom("waitlist_entries")
    .select("id")
    .where("vendor_id", "=", input.vendorId)
    .where("zone_id", "=", input.zoneId)
    .where("local_date", "=", input.localDate)
    .where("session_key", "=", input.sessionKey)
    .where("status", "in", ["waiting", "offered"])
    .executeTakeFirst();
  if (live) return { ok: false, code: "already" };
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto("waitlist_entries")
      .values({
        zone_id: input.zoneId,
        vendor_id: input.vendorId,
        local_date: input.localDate,
        session_key: input.sessionKey,
        stall_id: input.stallId,
        status: "waiting",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditCounterAct(trx, input.clerkUserId, {
      vendorId: input.vendorId,
      action: "waitlist.joined",
      entityType: "waitlist_entry",
      entityId: id,
      zoneId: input.zoneId,
      after: { local_date: input.localDate, session_key: input.sessionKey },
      now,
    });
    return { ok: true as const, id };
  });
}

/** The stalls the waiting list offers in a session now, each with the vendor offered it. */
export async function liveOffers(
  db: Kysely<Database>,
  session: SessionRef,
  now: Date,
): Promise<Map<number, number>> {
  const rows = await offeredStalls.all(db, { ...session, now: now.toISOString() });
  return new Map(
    rows.flatMap((r) => (r.offered_stall_id ? [[r.offered_stall_id, r.vendor_id]] : [])),
  );
}

const offeredStalls = prepared((db, s: SessionRef & { now: string }) =>
  db
    .selectFrom("waitlist_entries")
    .select(["offered_stall_id", "vendor_id"])
    .where("zone_id", "=", s.zoneId)
    .where("local_date", "=", s.localDate)
    .where("session_key", "=", s.sessionKey)
    .where("status", "=", "offered")
    .where("offer_expires_at", ">", s.now),
);

/**
 * A stall has become free: offer it to the first waiting vendor it fits (their category, the
 * stall they asked for or any, no stall of theirs in the session yet). Call it in the
 * transaction that freed the stall. Returns the entry offered, if any.
 */
export async function offerFreedStall(
  trx: Kysely<Database>,
  session: SessionRef & { stallId: number; startsAt: string },
  now: Date,
): Promise<number | null> {
  const closes = bookingClosesAt(session.startsAt, await getBookingSettings(trx, session.zoneId));
  if (now >= closes) return null;
  const categories = (
    await trx
      .selectFrom("stall_categories")
      .select("category_slug")
      .where("stall_id", "=", session.stallId)
      .execute()
  ).map((c) => c.category_slug);
  const waiting = await trx
    .selectFrom("waitlist_entries")
    .innerJoin("vendors", "vendors.id", "waitlist_entries.vendor_id")
    .select([
      "waitlist_entries.id",
      "waitlist_entries.vendor_id",
      "waitlist_entries.stall_id",
      "vendors.category_slug",
      "vendors.user_id",
    ])
    .where("waitlist_entries.zone_id", "=", session.zoneId)
    .where("waitlist_entries.local_date", "=", session.localDate)
    .where("waitlist_entries.session_key", "=", session.sessionKey)
    .where("waitlist_entries.status", "=", "waiting")
    .orderBy("waitlist_entries.created_at")
    .orderBy("waitlist_entries.id")
    .execute();
  for (const entry of waiting) {
    if (!categories.includes(entry.category_slug)) continue;
    if (entry.stall_id !== null && entry.stall_id !== session.stallId) continue;
    const holds = await trx
      .selectFrom("bookings")
      .select("id")
      .where("vendor_id", "=", entry.vendor_id)
      .where("zone_id", "=", session.zoneId)
      .where("local_date", "=", session.localDate)
      .where("session_key", "=", session.sessionKey)
      .where("status", "in", [...HOLDING_STATUSES])
      .executeTakeFirst();
    if (holds) continue;
    const until = new Date(Math.min(now.getTime() + OFFER_HOLD_MS, closes.getTime()));
    await trx
      .updateTable("waitlist_entries")
      .set({
        status: "offered",
        offered_stall_id: session.stallId,
        offer_expires_at: until.toISOString(),
        updated_at: now.toISOString(),
      })
      .where("id", "=", entry.id)
      .execute();
    const place = await trx
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .innerJoin("zones", "zones.id", "layouts.zone_id")
      .select(["stalls.code", "zones.name_zh", "zones.name_en", "zones.time_zone"])
      .where("stalls.id", "=", session.stallId)
      .executeTakeFirstOrThrow();
    await notify(trx, {
      userId: entry.user_id,
      kind: "waitlist.offer",
      messageKey: "inbox.waitlistOffer",
      params: {
        market: place.name_zh,
        marketEn: place.name_en,
        date: session.localDate,
        stall: place.code,
        until: until.toISOString(),
      },
      link: "/vendor/bookings#waitlist",
      // An offer held for two hours is worth nothing read the next morning: sent at once.
      sms: {
        kind: "waitlist_offer",
        timeZone: place.time_zone,
        topic: topicOf("offer", entry.id),
        link: `/o/${entry.id}`,
      },
      now,
    });
    await writeAudit(trx, {
      actorUserId: null,
      action: "waitlist.offered",
      entityType: "waitlist_entry",
      entityId: entry.id,
      zoneId: session.zoneId,
      after: { stall_id: session.stallId, until: until.toISOString() },
      now,
    });
    return entry.id;
  }
  return null;
}

/**
 * Offers past their time expire and move on to the next vendor. Run by the server every minute
 * (app/utils/jobs.server.ts), and safe to run from anywhere: each offer is claimed by the update
 * that expires it.
 */
export async function expireOffers(db: Kysely<Database>, now: Date): Promise<number> {
  const due = await db
    .selectFrom("waitlist_entries")
    .select(["id", "local_date as localDate", "session_key as sessionKey"])
    .where("status", "=", "offered")
    .where("offer_expires_at", "<=", now.toISOString())
    .execute();
  let moved = 0;
  for (const { id, ...ref } of due) {
    // Counted from what the transaction returns: a transaction run again must not count twice.
    const didMove = await inTransaction(
      db,
      async (trx) => {
        // Claimed in the database: on PostgreSQL another instance running the same job skips a
        // row this one holds (SKIP LOCKED); on SQLite the transaction holds the only write lock.
        const claim = trx
          .selectFrom("waitlist_entries")
          .selectAll()
          .where("id", "=", id)
          .where("status", "=", "offered");
        const entry = await (
          isPostgres(trx) ? claim.forUpdate().skipLocked() : claim
        ).executeTakeFirst();
        if (!entry || !entry.offered_stall_id) return false;
        await trx
          .updateTable("waitlist_entries")
          .set({ status: "expired", updated_at: now.toISOString() })
          .where("id", "=", id)
          .execute();
        await passOfferOn(trx, { ...entry, offered_stall_id: entry.offered_stall_id }, now);
        return true;
      },
      { serializeOn: bookingKeys(ref) },
    );
    if (didMove) moved += 1;
  }
  return moved;
}

/** A vendor's waiting-list entries that are still open, soonest session first. */
export async function listVendorWaitlist(db: Kysely<Database>, vendorId: number, now: Date) {
  return db
    .selectFrom("waitlist_entries")
    .innerJoin("zones", "zones.id", "waitlist_entries.zone_id")
    .leftJoin("stalls as wanted", "wanted.id", "waitlist_entries.stall_id")
    .leftJoin("stalls as offered", "offered.id", "waitlist_entries.offered_stall_id")
    .select([
      "waitlist_entries.id",
      "waitlist_entries.local_date",
      "waitlist_entries.session_key",
      "waitlist_entries.status",
      "waitlist_entries.offer_expires_at",
      "zones.slug as zone_slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "wanted.code as wanted_code",
      "offered.code as offered_code",
    ])
    .where("waitlist_entries.vendor_id", "=", vendorId)
    .where((eb) =>
      eb.or([
        eb("waitlist_entries.status", "=", "waiting"),
        eb.and([
          eb("waitlist_entries.status", "=", "offered"),
          eb("waitlist_entries.offer_expires_at", ">", now.toISOString()),
        ]),
      ]),
    )
    .orderBy("waitlist_entries.local_date")
    .execute();
}

/** The vendor leaves the list, or turns an offer down: the stall goes to the next in line. */
export async function leaveWaitlist(
  db: Kysely<Database>,
  { entryId, vendorId, clerkUserId }: { entryId: number; vendorId: number; clerkUserId?: number },
  now: Date,
) {
  const ref = await db
    .selectFrom("waitlist_entries")
    .select(["local_date as localDate", "session_key as sessionKey"])
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!ref) return false;
  return inTransaction(
    db,
    async (trx) => {
      const entry = await trx
        .selectFrom("waitlist_entries")
        .selectAll()
        .where("id", "=", entryId)
        .where("vendor_id", "=", vendorId)
        .where("status", "in", ["waiting", "offered"])
        .executeTakeFirst();
      if (!entry) return false;
      await trx
        .updateTable("waitlist_entries")
        .set({ status: "withdrawn", updated_at: now.toISOString() })
        .where("id", "=", entryId)
        .execute();
      await auditCounterAct(trx, clerkUserId, {
        vendorId,
        action: "waitlist.left",
        entityType: "waitlist_entry",
        entityId: entryId,
        zoneId: entry.zone_id,
        now,
      });
      if (entry.status === "offered" && entry.offered_stall_id)
        await passOfferOn(trx, { ...entry, offered_stall_id: entry.offered_stall_id }, now);
      return true;
    },
    { serializeOn: bookingKeys(ref, vendorId) },
  );
}

/** An offer that ended (run out, turned down): the stall goes to the next who waits for it. */
async function passOfferOn(
  trx: Kysely<Database>,
  entry: { zone_id: number; local_date: string; session_key: string; offered_stall_id: number },
  now: Date,
) {
  const calendar = await loadZoneCalendar(trx, entry.zone_id);
  const session = calendar && findSession(calendar, entry.local_date, entry.session_key);
  if (!session) return;
  await offerFreedStall(
    trx,
    {
      zoneId: entry.zone_id,
      localDate: entry.local_date,
      sessionKey: entry.session_key,
      stallId: entry.offered_stall_id,
      startsAt: session.startsAt,
    },
    now,
  );
}
