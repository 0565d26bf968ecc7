// A manager opens a ballot from a plan the market's calendar can hold, and corrects a result
// after the draw: the winner and their bookings move, the reason is published and audited.
import { describe, expect, it } from "vitest";
import {
  createApprovedVendor,
  createZoneLike,
  templateKey,
  officeUserId,
} from "#db/testing/factories";
import { db } from "~/utils/db.server";
import {
  ballotCorrections,
  correctBallotPlace,
  currentPlaces,
  openPlannedBallot,
  type BallotPlanInput,
} from "./ballot-admin.server";
import { applyToBallot, ballotResults, closeAndDraw, vendorBallotView } from "./ballot.server";

const NOW = new Date("2027-01-20T00:00:00Z");
const AFTER = new Date("2027-02-01T00:01:00Z");

async function plan(overrides: Partial<BallotPlanInput> = {}) {
  const zone = await createZoneLike(db, "fuxin-community", { name: "开摇号", managerUserIds: [] });
  const officeId = await officeUserId(db);
  const input: BallotPlanInput = {
    zoneId: zone.zoneId,
    titleZh: "春节早市摇号",
    titleEn: "Spring Festival mornings",
    firstDate: "2027-02-05",
    lastDate: "2027-02-07",
    sessionKind: "morning",
    opensAt: NOW,
    closesAt: new Date("2027-02-01T00:00:00Z"),
    newcomerShare: 0.2,
    lookbackMonths: 6,
    categoryCaps: {},
    rows: ["A"],
    actorUserId: officeId,
    ...overrides,
  };
  return { zone, input, officeId };
}

describe("opening a ballot from a manager's plan", () => {
  it("opens with the rows' stalls and says which were already booked", async () => {
    const { input } = await plan();
    const opened = await openPlannedBallot(db, { ...input, leaveOut: ["A-16"] }, NOW);
    expect(opened).toMatchObject({ ok: true, leftOut: [] });
    if (!opened.ok) return;
    // Row A's sixteen stalls but one.
    expect(opened.stalls).toBe(15);
    const row = await db
      .selectFrom("ballots")
      .select(["session_kind", "opens_at"])
      .where("public_id", "=", opened.publicId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ session_kind: "morning", opens_at: NOW.toISOString() });
  });

  it("refuses a plan the calendar cannot hold, each problem under its field", async () => {
    const { input } = await plan();
    // Applications closing after the first session has started.
    expect(
      await openPlannedBallot(db, { ...input, closesAt: new Date("2027-02-05T00:00:00Z") }, NOW),
    ).toEqual({ ok: false, problems: { closes: "closesLate" } });
    // No evening market on a Monday.
    expect(
      await openPlannedBallot(
        db,
        { ...input, firstDate: "2027-02-08", lastDate: "2027-02-08", sessionKind: "evening" },
        NOW,
      ),
    ).toEqual({ ok: false, problems: { firstDate: "noSessions" } });
    expect(await openPlannedBallot(db, { ...input, rows: ["Q"] }, NOW)).toEqual({
      ok: false,
      problems: { rows: "noStalls" },
    });
    // The same stalls on overlapping days, twice.
    expect((await openPlannedBallot(db, input, NOW)).ok).toBe(true);
    expect(
      await openPlannedBallot(
        db,
        { ...input, firstDate: "2027-02-07", lastDate: "2027-02-09" },
        NOW,
      ),
    ).toEqual({ ok: false, problems: { rows: "overlap" } });
    // …but the evening sessions of those days are another matter.
    expect((await openPlannedBallot(db, { ...input, sessionKind: "evening" }, NOW)).ok).toBe(true);
  });
});

describe("correcting a result", () => {
  it("moves a winner and their coming bookings to a stall nobody won, published with the reason", async () => {
    const { zone, input, officeId } = await plan();
    const opened = await openPlannedBallot(db, input, NOW);
    if (!opened.ok) throw new Error("not opened");
    const ballot = await db
      .selectFrom("ballots")
      .select("id")
      .where("public_id", "=", opened.publicId)
      .executeTakeFirstOrThrow();
    const winner = await createApprovedVendor(db);
    await applyToBallot(
      db,
      {
        ballotId: ballot.id,
        vendorId: winner.vendorId,
        preferences: [],
        anyStall: true,
        ownProduce: false,
      },
      new Date("2027-01-25T00:00:00Z"),
    );
    const correct = (toStall: string, applicationId: string, now = AFTER) =>
      correctBallotPlace(
        db,
        {
          ballotId: ballot.id,
          applicationId,
          toStall,
          reason: "A 排东头修下水道",
          actorUserId: officeId,
        },
        now,
      );
    expect(await correct("A-02", "a-nobody", NOW)).toEqual({ ok: false, code: "notDrawn" });
    await closeAndDraw(db, ballot.id, AFTER);
    const before = await currentPlaces(db, ballot.id);
    expect(before.winners).toHaveLength(1);
    const won = before.winners[0]!;
    expect(await correct(won.stall, won.id)).toEqual({ ok: false, code: "stallNotFree" });
    expect(await correct(before.free[0]!, "a-nobody")).toEqual({ ok: false, code: "notWinner" });

    // Someone booked the first free stall for the first morning after the draw.
    const target = before.free[0]!;
    const other = await createApprovedVendor(db);
    const targetId = (
      await db
        .selectFrom("stalls")
        .innerJoin("layouts", "layouts.id", "stalls.layout_id")
        .select("stalls.id")
        .where("layouts.zone_id", "=", zone.zoneId)
        .where("layouts.status", "=", "approved")
        .where("stalls.code", "=", target)
        .executeTakeFirstOrThrow()
    ).id;
    const morning = await templateKey(db, zone.slug, "morning");
    await db
      .insertInto("bookings")
      .values({
        zone_id: zone.zoneId,
        stall_id: targetId,
        vendor_id: other.vendorId,
        local_date: "2027-02-05",
        session_key: morning,
        starts_at: "2027-02-04T22:00:00.000Z",
        ends_at: "2027-02-05T01:00:00.000Z",
        status: "confirmed",
        fee_fen: 500,
        idempotency_key: "test-clash",
        created_at: AFTER.toISOString(),
        updated_at: AFTER.toISOString(),
      })
      .execute();
    expect(await correct(target, won.id)).toEqual({ ok: false, code: "stallTaken" });

    const to = before.free[1]!;
    expect(await correct(to, won.id)).toEqual({ ok: true });
    const booked = await db
      .selectFrom("bookings")
      .innerJoin("stalls", "stalls.id", "bookings.stall_id")
      .select("stalls.code")
      .where("bookings.vendor_id", "=", winner.vendorId)
      .execute();
    expect(booked.map((b) => b.code)).toEqual([to, to, to]);
    expect(await ballotCorrections(db, ballot.id)).toEqual([
      expect.objectContaining({
        application_public_id: won.id,
        from_stall: won.stall,
        to_stall: to,
        reason: "A 排东头修下水道",
      }),
    ]);
    const after = await currentPlaces(db, ballot.id);
    expect(after.winners).toEqual([{ id: won.id, stall: to }]);
    expect(after.free).toContain(won.stall);
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_user_id", "after"])
      .where("action", "=", "ballot.correction")
      .where("entity_id", "=", ballot.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(officeId);
    expect(JSON.parse(audit.after!)).toMatchObject({
      reason: "A 排东头修下水道",
      bookings_moved: 3,
    });
    const told = await db
      .selectFrom("notifications")
      .select("message_key")
      .where("user_id", "=", winner.userId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(told.message_key).toBe("inbox.ballotCorrected");
    // The vendor's own view of the ballot names the stall they hold now.
    const places = (await ballotResults(db, opened.publicId))!.places;
    const view = await vendorBallotView(db, { id: ballot.id, places }, winner.vendorId, AFTER);
    expect(view.result).toEqual({ place: 1, stall: to });
  });
});
