// Bookings still ahead when a new layout is approved: the plan is the pure rule
// (`planCarryOver`, shared with booking's nearest free stall); this file reads what it needs,
// applies it, tells each vendor whose booking moved or was cancelled, and writes the audit.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { HOLDING_STATUSES } from "~/domain/booking-rules";
import { planCarryOver } from "~/domain/stall-placement";
import { writeAudit } from "./audit.server";
import { cancelByMarket } from "./booking.server";
import { notify } from "./notification.server";
import { topicOf } from "./outbox.server";

export async function carryBookingsOver(
  trx: Kysely<Database>,
  {
    zoneId,
    fromLayoutId,
    toLayoutId,
    market,
    timeZone,
    userId,
    now,
  }: {
    zoneId: number;
    fromLayoutId: number;
    toLayoutId: number;
    market: { zh: string; en: string };
    timeZone: string;
    userId: number;
    now: Date;
  },
) {
  const bookings = await trx
    .selectFrom("bookings")
    .innerJoin("stalls", "stalls.id", "bookings.stall_id")
    .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
    .select([
      "bookings.id",
      "bookings.local_date",
      "bookings.session_key",
      "bookings.status",
      "stalls.code",
      "stalls.geometry",
      "vendors.user_id",
      "vendors.category_slug",
    ])
    .where("stalls.layout_id", "=", fromLayoutId)
    .where("bookings.ends_at", ">", now.toISOString())
    .where("bookings.status", "in", HOLDING_STATUSES)
    .orderBy("bookings.created_at")
    .orderBy("bookings.id")
    .execute();
  const [stalls, categories] = await Promise.all([
    trx
      .selectFrom("stalls")
      .select(["id", "code", "geometry"])
      .where("layout_id", "=", toLayoutId)
      .execute(),
    trx
      .selectFrom("stall_categories")
      .innerJoin("stalls", "stalls.id", "stall_categories.stall_id")
      .select(["stall_categories.stall_id", "stall_categories.category_slug"])
      .where("stalls.layout_id", "=", toLayoutId)
      .execute(),
  ]);
  const plan = planCarryOver(
    bookings.map((b) => ({
      id: b.id,
      localDate: b.local_date,
      sessionKey: b.session_key,
      code: b.code,
      geometry: b.geometry,
      category: b.category_slug,
    })),
    stalls.map((s) => ({
      ...s,
      categories: categories.filter((c) => c.stall_id === s.id).map((c) => c.category_slug),
    })),
  );
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const params = (b: { local_date: string; code: string }) => ({
    market: market.zh,
    marketEn: market.en,
    date: b.local_date,
    from: b.code,
  });

  for (const k of plan.kept)
    await trx
      .updateTable("bookings")
      .set({ stall_id: k.stallId })
      .where("id", "=", k.bookingId)
      .execute();
  for (const m of plan.moved) {
    const b = byId.get(m.bookingId)!;
    await trx
      .updateTable("bookings")
      .set({ stall_id: m.stallId, updated_at: now.toISOString() })
      .where("id", "=", b.id)
      .execute();
    await notify(trx, {
      userId: b.user_id,
      kind: "booking",
      messageKey: "inbox.bookingMovedByLayout",
      params: { ...params(b), to: m.to },
      link: `/vendor/bookings/${b.id}`,
      sms: { kind: "stall_moved", timeZone, topic: topicOf("layout", toLayoutId) },
      now,
    });
    await writeAudit(trx, {
      actorUserId: userId,
      action: "booking.movedByLayout",
      entityType: "booking",
      entityId: b.id,
      zoneId,
      before: { stall: b.code },
      after: { stall: m.to },
      now,
    });
  }
  await cancelByMarket(
    trx,
    plan.cancelled.map((c) => c.bookingId),
    "layout",
    now,
  );
  for (const c of plan.cancelled) {
    const b = byId.get(c.bookingId)!;
    await notify(trx, {
      userId: b.user_id,
      kind: "booking",
      messageKey: "inbox.bookingCancelledByLayout",
      params: params(b),
      link: "/vendor/bookings",
      sms: {
        kind: "booking_cancelled",
        timeZone,
        topic: topicOf("layout", toLayoutId),
        extra: () => ({ stall: b.code }),
      },
      now,
    });
    await writeAudit(trx, {
      actorUserId: userId,
      action: "booking.cancelledByLayout",
      entityType: "booking",
      entityId: b.id,
      zoneId,
      before: { status: b.status, stall: b.code },
      after: { status: "cancelled" },
      now,
    });
  }
  const byCode = new Map(stalls.map((s) => [s.code, s]));
  // Waiting-list entries follow their stall's code, or wait for any stall when it is gone.
  const waiting = await trx
    .selectFrom("waitlist_entries")
    .innerJoin("stalls", "stalls.id", "waitlist_entries.stall_id")
    .select(["waitlist_entries.id", "stalls.code"])
    .where("stalls.layout_id", "=", fromLayoutId)
    .where("waitlist_entries.status", "in", ["waiting", "offered"])
    .execute();
  for (const w of waiting)
    await trx
      .updateTable("waitlist_entries")
      .set({ stall_id: byCode.get(w.code)?.id ?? null })
      .where("id", "=", w.id)
      .execute();
  const offered = await trx
    .selectFrom("waitlist_entries")
    .innerJoin("stalls", "stalls.id", "waitlist_entries.offered_stall_id")
    .select(["waitlist_entries.id", "stalls.code"])
    .where("stalls.layout_id", "=", fromLayoutId)
    .where("waitlist_entries.status", "=", "offered")
    .execute();
  for (const w of offered) {
    const same = byCode.get(w.code);
    await trx
      .updateTable("waitlist_entries")
      .set(
        same
          ? { offered_stall_id: same.id }
          : { status: "waiting", offered_stall_id: null, offer_expires_at: null },
      )
      .where("id", "=", w.id)
      .execute();
  }
  return { kept: plan.kept.length, moved: plan.moved.length, cancelled: plan.cancelled.length };
}
