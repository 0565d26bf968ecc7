// A manager's side of ballots: opening one from a plan checked against the market's calendar,
// and correcting a result after the draw with a reason everyone can read. The draw itself is
// never changed: a correction is published beside it.
import type { Kysely } from "kysely";
import type { Database, SessionKind } from "#db/schema";
import type { BallotPlace } from "~/domain/ballot-draw";
import { ballotPlanProblems, type BallotPlanProblem } from "~/domain/ballot-plan";
import { stallRow } from "~/domain/ballot-rules";
import { HOLDING_STATUSES } from "~/domain/booking-rules";
import { inTransaction } from "#db/transaction";
import { writeAudit } from "./audit.server";
import { ballotSessions } from "./ballot-allocation.server";
import { openBallot } from "./ballot.server";
import { notify } from "./notification.server";

export interface BallotPlanInput {
  zoneId: number;
  titleZh: string;
  titleEn: string;
  firstDate: string;
  lastDate: string;
  sessionKind: SessionKind | null;
  opensAt: Date;
  closesAt: Date;
  newcomerShare: number;
  lookbackMonths: number;
  categoryCaps: Record<string, number>;
  /** The layout's rows it gives out ("A", "B"…)… */
  rows: string[];
  /** …but for these stalls of them ("B-17"). */
  leaveOut?: string[];
  actorUserId: number;
}

export type PlanField = "lastDate" | "opens" | "closes" | "firstDate" | "rows";
export type PlanResult =
  | { ok: true; publicId: string; stalls: number; leftOut: string[] }
  | { ok: false; problems: Partial<Record<PlanField, BallotPlanProblem | "overlap">> };

/**
 * Opens a ballot from a manager's plan: its days must hold sessions, its window close before
 * the first, and its stalls be in no other undrawn ballot of the same days.
 */
export async function openPlannedBallot(
  db: Kysely<Database>,
  plan: BallotPlanInput,
  now: Date,
): Promise<PlanResult> {
  const range = {
    zone_id: plan.zoneId,
    first_date: plan.firstDate,
    last_date: plan.lastDate,
    session_kind: plan.sessionKind,
  };
  const [sessions, stalls] = await Promise.all([
    plan.lastDate >= plan.firstDate ? ballotSessions(db, range, now) : [],
    db
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .select(["stalls.id", "stalls.code"])
      .where("layouts.zone_id", "=", plan.zoneId)
      .where("layouts.status", "=", "approved")
      .execute(),
  ]);
  const chosen = stalls.filter(
    (s) => plan.rows.includes(stallRow(s.code)) && !plan.leaveOut?.includes(s.code),
  );
  const problems: Partial<Record<PlanField, BallotPlanProblem | "overlap">> = ballotPlanProblems(
    {
      firstDate: plan.firstDate,
      lastDate: plan.lastDate,
      opensAt: plan.opensAt,
      closesAt: plan.closesAt,
      firstSessionStartsAt: sessions[0]?.startsAt ?? null,
      stalls: chosen.length,
    },
    now,
  );
  if (!problems.rows && chosen.length) {
    const overlapping = await db
      .selectFrom("ballots")
      .innerJoin("ballot_stalls", "ballot_stalls.ballot_id", "ballots.id")
      .select("ballots.session_kind")
      .where("ballots.zone_id", "=", plan.zoneId)
      .where("ballots.drawn_at", "is", null)
      .where("ballots.first_date", "<=", plan.lastDate)
      .where("ballots.last_date", ">=", plan.firstDate)
      .where(
        "ballot_stalls.stall_id",
        "in",
        chosen.map((s) => s.id),
      )
      .execute();
    if (
      overlapping.some(
        (o) => !o.session_kind || !plan.sessionKind || o.session_kind === plan.sessionKind,
      )
    )
      problems.rows = "overlap";
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  const opened = await openBallot(
    db,
    {
      zoneId: plan.zoneId,
      titleZh: plan.titleZh,
      titleEn: plan.titleEn,
      firstDate: plan.firstDate,
      lastDate: plan.lastDate,
      sessionKind: plan.sessionKind,
      // Opening "now" from a form kept open a while: the window opens when the ballot does.
      opensAt: plan.opensAt < now ? now : plan.opensAt,
      closesAt: plan.closesAt,
      newcomerShare: plan.newcomerShare,
      lookbackMonths: plan.lookbackMonths,
      categoryCaps: plan.categoryCaps,
      stallIds: chosen.map((s) => s.id),
      actorUserId: plan.actorUserId,
    },
    now,
  );
  return { ok: true, publicId: opened.publicId, stalls: opened.stalls, leftOut: opened.leftOut };
}

/** A ballot's corrections, oldest first, as its public page lists them. */
export async function ballotCorrections(db: Kysely<Database>, ballotId: number) {
  return db
    .selectFrom("ballot_corrections")
    .select(["application_public_id", "from_stall", "to_stall", "reason", "created_at"])
    .where("ballot_id", "=", ballotId)
    .orderBy("id")
    .execute();
}

/**
 * Who holds which of a drawn ballot's stalls now: the draw's places with every correction
 * applied, and the ballot's stalls nobody holds (where a winner can be moved to).
 */
export async function currentPlaces(db: Kysely<Database>, ballotId: number) {
  const [ballot, corrections, stalls] = await Promise.all([
    db
      .selectFrom("ballots")
      .select(["places_json"])
      .where("id", "=", ballotId)
      .executeTakeFirstOrThrow(),
    ballotCorrections(db, ballotId),
    db
      .selectFrom("ballot_stalls")
      .innerJoin("stalls", "stalls.id", "ballot_stalls.stall_id")
      .select("stalls.code")
      .where("ballot_stalls.ballot_id", "=", ballotId)
      .orderBy("stalls.code")
      .execute(),
  ]);
  const places = JSON.parse(ballot.places_json ?? "[]") as BallotPlace[];
  const holding = new Map(places.filter((p) => p.stall).map((p) => [p.id, p.stall!]));
  for (const c of corrections) holding.set(c.application_public_id, c.to_stall);
  const held = new Set(holding.values());
  return {
    winners: [...holding]
      .map(([id, stall]) => ({ id, stall }))
      .sort((a, b) => a.stall.localeCompare(b.stall)),
    free: stalls.map((s) => s.code).filter((code) => !held.has(code)),
  };
}

export type CorrectionResult =
  { ok: true } | { ok: false; code: "notDrawn" | "notWinner" | "stallNotFree" | "stallTaken" };

/**
 * Moves a winner to another of the ballot's stalls nobody holds (their stall is blocked, say):
 * their coming bookings move with them; the reason is published with the results and audited.
 */
export async function correctBallotPlace(
  db: Kysely<Database>,
  input: {
    ballotId: number;
    applicationId: string;
    toStall: string;
    reason: string;
    actorUserId: number;
  },
  now: Date,
): Promise<CorrectionResult> {
  return inTransaction(db, async (trx) => {
    const ballot = await trx
      .selectFrom("ballots")
      .select(["id", "public_id", "zone_id", "title_zh", "title_en", "drawn_at"])
      .where("id", "=", input.ballotId)
      .executeTakeFirstOrThrow();
    if (!ballot.drawn_at) return { ok: false, code: "notDrawn" } as const;
    const { winners, free } = await currentPlaces(trx, ballot.id);
    const winner = winners.find((w) => w.id === input.applicationId);
    if (!winner) return { ok: false, code: "notWinner" } as const;
    if (!free.includes(input.toStall)) return { ok: false, code: "stallNotFree" } as const;
    const applicant = await trx
      .selectFrom("ballot_applications")
      .innerJoin("vendors", "vendors.id", "ballot_applications.vendor_id")
      .select(["vendors.id as vendor_id", "vendors.user_id"])
      .where("ballot_applications.public_id", "=", input.applicationId)
      .executeTakeFirstOrThrow();
    const stallIds = new Map(
      (
        await trx
          .selectFrom("stalls")
          .innerJoin("layouts", "layouts.id", "stalls.layout_id")
          .select(["stalls.id", "stalls.code"])
          .where("layouts.zone_id", "=", ballot.zone_id)
          .where("layouts.status", "=", "approved")
          .where("stalls.code", "in", [winner.stall, input.toStall])
          .execute()
      ).map((s) => [s.code, s.id]),
    );
    const toId = stallIds.get(input.toStall);
    if (toId === undefined) return { ok: false, code: "stallNotFree" } as const;
    const coming = await trx
      .selectFrom("bookings")
      .select(["id", "local_date", "session_key"])
      .where("vendor_id", "=", applicant.vendor_id)
      .where("idempotency_key", "like", `ballot:${ballot.public_id}:%`)
      .where("status", "in", ["pending", "confirmed"])
      .where("starts_at", ">", now.toISOString())
      .execute();
    // The new stall must be free in each of those sessions (booked since the draw, perhaps).
    if (coming.length) {
      const taken = await trx
        .selectFrom("bookings")
        .select(["local_date", "session_key"])
        .where("stall_id", "=", toId)
        .where("status", "in", [...HOLDING_STATUSES])
        .where("local_date", "in", [...new Set(coming.map((b) => b.local_date))])
        .execute();
      const mine = new Set(coming.map((b) => `${b.local_date}|${b.session_key}`));
      if (taken.some((t) => mine.has(`${t.local_date}|${t.session_key}`)))
        return { ok: false, code: "stallTaken" } as const;
      await trx
        .updateTable("bookings")
        .set({ stall_id: toId, updated_at: now.toISOString() })
        .where(
          "id",
          "in",
          coming.map((b) => b.id),
        )
        .execute();
    }
    await trx
      .insertInto("ballot_corrections")
      .values({
        ballot_id: ballot.id,
        application_public_id: input.applicationId,
        from_stall: winner.stall,
        to_stall: input.toStall,
        reason: input.reason,
        actor_user_id: input.actorUserId,
        created_at: now.toISOString(),
      })
      .execute();
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: "ballot.correction",
      entityType: "ballot",
      entityId: ballot.id,
      zoneId: ballot.zone_id,
      before: { application: input.applicationId, stall: winner.stall },
      after: {
        application: input.applicationId,
        stall: input.toStall,
        reason: input.reason,
        bookings_moved: coming.length,
      },
      now,
    });
    await notify(trx, {
      userId: applicant.user_id,
      kind: "ballot.corrected",
      messageKey: "inbox.ballotCorrected",
      params: {
        ballot: ballot.title_zh,
        ballotEn: ballot.title_en,
        from: winner.stall,
        to: input.toStall,
        reason: input.reason,
      },
      link: "/vendor/bookings",
      now,
    });
    return { ok: true } as const;
  });
}
