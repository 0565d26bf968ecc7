// What a draw gives: each winner's stall booked for every session of the ballot's days, the
// others on those sessions' waiting lists in draw order, and everyone told. Runs in the draw's
// own transaction, so the results and the bookings they make appear together.
import type { Insertable, Kysely, Selectable } from "kysely";
import type { BallotsTable, BookingsTable, Database } from "#db/schema";
import type { BallotPlace } from "~/domain/ballot-draw";
import { bookingFee, HOLDING_STATUSES } from "~/domain/booking-rules";
import { sessionsBetween, type MarketSession } from "~/domain/calendar";
import { writeAudit } from "./audit.server";
import { notify } from "./notification.server";
import { loadZoneCalendar } from "./zone-calendar.server";

export type AllocatedBallot = Pick<
  Selectable<BallotsTable>,
  | "id"
  | "public_id"
  | "zone_id"
  | "title_zh"
  | "title_en"
  | "first_date"
  | "last_date"
  | "opens_at"
  | "session_kind"
>;

export interface Applicant {
  vendorId: number;
  userId: number;
  publicWelfare: boolean;
}

/** The sessions a ballot gives out that have not started by `now`. */
export async function ballotSessions(
  db: Kysely<Database>,
  ballot: Pick<AllocatedBallot, "zone_id" | "first_date" | "last_date" | "session_kind">,
  now: Date,
): Promise<MarketSession[]> {
  const calendar = await loadZoneCalendar(db, ballot.zone_id);
  if (!calendar) return [];
  return sessionsBetween({ ...calendar, from: ballot.first_date, to: ballot.last_date }).filter(
    (s) =>
      (ballot.session_kind === null || s.kind === ballot.session_kind) &&
      Date.parse(s.startsAt) > now.getTime(),
  );
}

/** The idempotency key of a ballot's booking: one per ballot, session and vendor. */
export const ballotBookingKey = (ballot: string, s: { localDate: string; key: string }) =>
  `ballot:${ballot}:${s.localDate}:${s.key}`;

const CHUNK = 400;

export async function allocateBallot(
  trx: Kysely<Database>,
  ballot: AllocatedBallot,
  applicants: Map<string, Applicant>,
  places: BallotPlace[],
  now: Date,
) {
  const sessions = await ballotSessions(trx, ballot, now);
  const at = now.toISOString();
  const stalls = new Map(
    (
      await trx
        .selectFrom("stalls")
        .innerJoin("layouts", "layouts.id", "stalls.layout_id")
        .select(["stalls.id", "stalls.code", "stalls.fee_fen", "stalls.public_welfare"])
        .where("layouts.zone_id", "=", ballot.zone_id)
        .where("layouts.status", "=", "approved")
        .execute()
    ).map((s) => [s.code, s]),
  );
  // Who holds what already in these sessions (booked before the ballot was opened).
  const held = sessions.length
    ? await trx
        .selectFrom("bookings")
        .select(["stall_id", "vendor_id", "local_date", "session_key"])
        .where("zone_id", "=", ballot.zone_id)
        .where("local_date", ">=", ballot.first_date)
        .where("local_date", "<=", ballot.last_date)
        .where("status", "in", [...HOLDING_STATUSES])
        .execute()
    : [];
  const slot = (date: string, key: string) => `${date}|${key}`;
  const stallTaken = new Set(held.map((h) => `${h.stall_id}|${slot(h.local_date, h.session_key)}`));
  const vendorBusy = new Set(
    held.map((h) => `${h.vendor_id}|${slot(h.local_date, h.session_key)}`),
  );

  const rows: Insertable<BookingsTable>[] = [];
  let skipped = 0;
  const winners: { applicant: Applicant; stall: string; sessions: number }[] = [];
  const ordered = [...places].sort((a, b) => a.place - b.place);
  for (const place of ordered) {
    const applicant = applicants.get(place.id);
    const stall = place.stall ? stalls.get(place.stall) : undefined;
    if (!applicant || !stall) continue;
    let booked = 0;
    for (const s of sessions) {
      const here = slot(s.localDate, s.key);
      if (
        stallTaken.has(`${stall.id}|${here}`) ||
        vendorBusy.has(`${applicant.vendorId}|${here}`)
      ) {
        skipped += 1;
        continue;
      }
      booked += 1;
      rows.push({
        zone_id: ballot.zone_id,
        stall_id: stall.id,
        vendor_id: applicant.vendorId,
        local_date: s.localDate,
        session_key: s.key,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        status: "confirmed",
        fee_fen: bookingFee(stall, { public_welfare: applicant.publicWelfare ? 1 : 0 }),
        idempotency_key: ballotBookingKey(ballot.public_id, s),
        created_at: at,
        updated_at: at,
      });
    }
    winners.push({ applicant, stall: stall.code, sessions: booked });
  }
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto("bookings")
      .values(rows.slice(i, i + CHUNK))
      .execute();

  // The others wait in draw order, ahead of anyone who joined after the ballot opened.
  const losers = ordered
    .filter((p) => !p.stall)
    .map((p) => applicants.get(p.id))
    .filter((a): a is Applicant => !!a);
  const live = losers.length
    ? await trx
        .selectFrom("waitlist_entries")
        .select(["vendor_id", "local_date", "session_key"])
        .where("zone_id", "=", ballot.zone_id)
        .where("local_date", ">=", ballot.first_date)
        .where("local_date", "<=", ballot.last_date)
        .where("status", "in", ["waiting", "offered"])
        .execute()
    : [];
  const waiting = new Set(live.map((w) => `${w.vendor_id}|${slot(w.local_date, w.session_key)}`));
  const entries = losers.flatMap((a) =>
    sessions
      .filter((s) => !waiting.has(`${a.vendorId}|${slot(s.localDate, s.key)}`))
      .map((s) => ({
        zone_id: ballot.zone_id,
        vendor_id: a.vendorId,
        local_date: s.localDate,
        session_key: s.key,
        stall_id: null,
        status: "waiting" as const,
        created_at: ballot.opens_at,
        updated_at: at,
      })),
  );
  // Inserted in draw order: the list is served by time, then by id.
  for (let i = 0; i < entries.length; i += CHUNK)
    await trx
      .insertInto("waitlist_entries")
      .values(entries.slice(i, i + CHUNK))
      .execute();

  const told = { ballot: ballot.title_zh, ballotEn: ballot.title_en };
  for (const w of winners)
    await notify(trx, {
      userId: w.applicant.userId,
      kind: "ballot.won",
      messageKey: "inbox.ballotWon",
      params: { ...told, stall: w.stall, sessions: w.sessions },
      link: "/vendor/bookings",
      now,
    });
  for (const [i, a] of losers.entries())
    await notify(trx, {
      userId: a.userId,
      kind: "ballot.waiting",
      messageKey: "inbox.ballotWaiting",
      params: { ...told, position: i + 1 },
      link: "/vendor/bookings#waitlist",
      now,
    });
  await writeAudit(trx, {
    actorUserId: null,
    action: "ballot.allocate",
    entityType: "ballot",
    entityId: ballot.id,
    zoneId: ballot.zone_id,
    after: {
      sessions: sessions.length,
      bookings: rows.length,
      waiting: losers.length,
      // Sessions a winner already held a stall in, or their stall was booked before the ballot.
      skipped,
    },
    now,
  });
  return { bookings: rows.length, waiting: losers.length, skipped };
}
