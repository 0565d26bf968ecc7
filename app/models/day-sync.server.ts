// Market-day actions recorded offline, sent in order when the connection returns (issue 19). The
// server stays the judge: each action goes through the same model as a tap online, at the moment
// it was recorded, and is recorded once whatever the retries: a check-in or a no-show only moves a
// booking out of "confirmed", a fee names the amount the phone saw before, a walk-up's booking
// carries the action's key. What changed meanwhile comes back as a conflict for the manager.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { actionMoment, type QueuedAction, type SyncResult } from "~/domain/day-sync";
import { assignWalkUp, checkIn, markNoShow, recordFee } from "./market-day.server";
import { findSession } from "~/domain/calendar";
import { loadZoneCalendar } from "./zone-calendar.server";

interface SyncContext {
  zoneId: number;
  userId: number;
  timeZone: string;
}

async function bookingState(db: Kysely<Database>, zoneId: number, bookingId: number) {
  return db
    .selectFrom("bookings")
    .select(["status", "fee_collected_fen", "vendor_id"])
    .where("id", "=", bookingId)
    .where("zone_id", "=", zoneId)
    .executeTakeFirst();
}

/** The booking a walk-up made under this key, if it was made (a retry sends the key again). */
export async function walkUpRecorded(db: Kysely<Database>, zoneId: number, key: string) {
  return db
    .selectFrom("bookings")
    .select("id")
    .where("idempotency_key", "=", key)
    .where("zone_id", "=", zoneId)
    .executeTakeFirst();
}

export async function syncDayActions(
  db: Kysely<Database>,
  ctx: SyncContext,
  actions: QueuedAction[],
  now: Date,
): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  // The market's calendar, read once for all the walk-ups of a sync, and only if there are any.
  let calendar: ReturnType<typeof loadZoneCalendar> | undefined;
  const sessions = () => (calendar ??= loadZoneCalendar(db, ctx.zoneId));
  // In the order they were recorded: a check-in before the fee taken at the same stall.
  for (const action of actions) results.push(await syncOne(db, ctx, action, now, sessions));
  return results;
}

async function syncOne(
  db: Kysely<Database>,
  ctx: SyncContext,
  action: QueuedAction,
  now: Date,
  sessions: () => ReturnType<typeof loadZoneCalendar>,
): Promise<SyncResult> {
  const { key } = action;
  const at = actionMoment(action.recordedAt, now);
  if (!at) return { key, outcome: "refused", code: "clock" };
  if (action.kind === "walkUp") return syncWalkUp(db, ctx, action, at, sessions);
  const before = await bookingState(db, ctx.zoneId, action.bookingId);
  if (!before) return { key, outcome: "refused", code: "notFound" };
  const day = { zoneId: ctx.zoneId, bookingId: action.bookingId, actorUserId: ctx.userId, now: at };
  if (action.kind === "fee") {
    if (before.fee_collected_fen === action.amountFen) return { key, outcome: "already" };
    if (before.fee_collected_fen !== action.expectedFen)
      return {
        key,
        outcome: "conflict",
        code: "feeRecordedByOther",
        recordedFen: before.fee_collected_fen,
      };
    const result = await recordFee(db, day, action.amountFen);
    return result.ok ? { key, outcome: "done" } : { key, outcome: "refused", code: result.code };
  }
  const wanted = action.kind === "checkIn" ? "checked_in" : "no_show";
  if (before.status === wanted) return { key, outcome: "already" };
  if (before.status === "cancelled") return { key, outcome: "conflict", code: "bookingCancelled" };
  if (before.status === "no_show") return { key, outcome: "conflict", code: "markedAbsent" };
  if (before.status === "checked_in") return { key, outcome: "conflict", code: "checkedIn" };
  const result = await (action.kind === "checkIn" ? checkIn : markNoShow)(db, day);
  if (result.ok) return { key, outcome: "done" };
  // Between the look and the change another manager may have acted: judge again.
  const after = await bookingState(db, ctx.zoneId, action.bookingId);
  if (after?.status === wanted) return { key, outcome: "already" };
  return { key, outcome: "refused", code: result.code };
}

async function syncWalkUp(
  db: Kysely<Database>,
  ctx: SyncContext,
  action: Extract<QueuedAction, { kind: "walkUp" }>,
  at: Date,
  sessions: () => ReturnType<typeof loadZoneCalendar>,
): Promise<SyncResult> {
  const { key } = action;
  const done = await walkUpRecorded(db, ctx.zoneId, key);
  if (done) return { key, outcome: "already", bookingId: done.id };
  const [localDate, sessionKey] = action.session.split("|");
  const calendar = await sessions();
  const session =
    calendar && localDate && sessionKey ? findSession(calendar, localDate, sessionKey) : undefined;
  if (!session) return { key, outcome: "refused", code: "notFound" };
  const result = await assignWalkUp(
    db,
    {
      zoneId: ctx.zoneId,
      stallId: action.stallId,
      identifier: action.identifier,
      localDate: session.localDate,
      sessionKey: session.key,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      actorUserId: ctx.userId,
      timeZone: ctx.timeZone,
      idempotencyKey: key,
    },
    at,
  );
  if (result.ok) return { key, outcome: "done", bookingId: result.bookingId };
  if (result.code === "stallTaken" || result.code === "alreadyBooked")
    return { key, outcome: "conflict", code: result.code };
  return { key, outcome: "refused", code: result.code };
}
