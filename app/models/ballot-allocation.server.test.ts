// What a ballot does to booking, against a real database: its stalls cannot be booked first
// come until the draw; the draw books its winners for every session of its days and puts the
// others on the waiting lists in draw order; a winner's cancellation is offered to the first of
// them; the stalls nobody won are free like any other.
import { describe, expect, it } from "vitest";
import {
  createApprovedVendor,
  createZoneLike,
  stallsTaking,
  templateKey,
  officeUserId,
} from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { ballotSessions } from "./ballot-allocation.server";
import { applyToBallot, ballotResults, closeAndDraw, openBallot } from "./ballot.server";
import { bookStall, cancelBooking, newIdempotencyKey, sessionAvailability } from "./booking.server";

// Fuxin's morning market runs every day, 06:00–09:00 in Huguan, and its evening market too. Bookings open 14 days ahead.
const OPENS = new Date("2027-01-20T00:00:00Z");
const DURING = new Date("2027-01-25T00:00:00Z");
const CLOSES = new Date("2027-02-01T00:00:00Z");
const AFTER = new Date("2027-02-01T00:01:00Z");
const FIRST = "2027-02-05";
const LAST = "2027-02-07";

async function fair(stallCount: number) {
  const zone = await createZoneLike(db, "fuxin-community", {
    name: "摇号测试集市",
    managerUserIds: [],
  });
  const stalls = (await stallsTaking(db, zone.slug, "fresh_produce")).slice(0, stallCount + 1);
  const morning = await templateKey(db, zone.slug, "morning");
  const officeId = await officeUserId(db);
  const ballot = await openBallot(
    db,
    {
      zoneId: zone.zoneId,
      titleZh: "春节早市摇号",
      titleEn: "Spring Festival mornings ballot",
      firstDate: FIRST,
      lastDate: LAST,
      // Its evening market goes first come as ever.
      sessionKind: "morning",
      opensAt: OPENS,
      closesAt: CLOSES,
      newcomerShare: 0.2,
      lookbackMonths: 6,
      // The last stall taking produce stays out of the ballot.
      stallIds: stalls.slice(0, stallCount).map((s) => s.id),
      actorUserId: officeId,
    },
    OPENS,
  );
  const book = (vendorId: number, stallId: number, localDate: string, now: Date) =>
    bookStall(
      db,
      { vendorId, stallId, localDate, sessionKey: morning, idempotencyKey: newIdempotencyKey() },
      now,
    );
  const apply = async (vendorId: number) =>
    expect(
      (
        await applyToBallot(
          db,
          { ballotId: ballot.id, vendorId, preferences: [], anyStall: true, ownProduce: false },
          DURING,
        )
      ).ok,
    ).toBe(true);
  return { ...zone, ballot, stalls, morning, book, apply };
}

const bookingsOf = (vendorId: number) =>
  db
    .selectFrom("bookings")
    .innerJoin("stalls", "stalls.id", "bookings.stall_id")
    .select(["bookings.id", "stalls.code", "bookings.local_date", "bookings.status"])
    .where("vendor_id", "=", vendorId)
    .orderBy("local_date")
    .execute();

const inbox = (userId: number) =>
  db
    .selectFrom("notifications")
    .select(["message_key", "params"])
    .where("user_id", "=", userId)
    .execute();

describe("a ballot and booking", () => {
  it("holds its stalls on its days until the draw; other stalls and other days book as usual", async () => {
    const m = await fair(2);
    const { vendorId } = await createApprovedVendor(db);
    const held = await m.book(vendorId, m.stalls[0]!.id, FIRST, DURING);
    expect(held).toMatchObject({ ok: false, code: "stallInBallot" });
    // The day after the ballot's last, the same stall books.
    expect((await m.book(vendorId, m.stalls[0]!.id, "2027-02-08", DURING)).ok).toBe(true);
    // A stall outside the ballot books on the ballot's days.
    expect((await m.book(vendorId, m.stalls[2]!.id, FIRST, DURING)).ok).toBe(true);
    // And the ballot's stall books for the evening market (a Friday), which it does not cover.
    const other = await createApprovedVendor(db);
    const evening = await bookStall(
      db,
      {
        vendorId: other.vendorId,
        stallId: m.stalls[0]!.id,
        localDate: FIRST,
        sessionKey: await templateKey(db, m.slug, "evening"),
        idempotencyKey: newIdempotencyKey(),
      },
      DURING,
    );
    expect(evening.ok).toBe(true);
    const shown = await sessionAvailability(
      db,
      { zoneId: m.zoneId, localDate: FIRST, sessionKey: m.morning },
      DURING,
    );
    expect(shown.find((s) => s.id === m.stalls[0]!.id)?.state).toBe("ballot");
    expect(shown.find((s) => s.id === m.stalls[2]!.id)?.state).toBe("taken");
  });

  it("books the winners for every session, lists the others in draw order, and tells everyone", async () => {
    const m = await fair(2);
    const vendors = [];
    for (let i = 0; i < 5; i++) vendors.push(await createApprovedVendor(db));
    for (const v of vendors) await m.apply(v.vendorId);
    await closeAndDraw(db, m.ballot.id, AFTER);
    const results = (await ballotResults(db, m.ballot.publicId))!;
    const sessions = await ballotSessions(
      db,
      { zone_id: m.zoneId, first_date: FIRST, last_date: LAST, session_kind: "morning" },
      AFTER,
    );
    expect(sessions).toHaveLength(3);

    const applicationOf = async (vendorId: number) =>
      (
        await db
          .selectFrom("ballot_applications")
          .select("public_id")
          .where("ballot_id", "=", m.ballot.id)
          .where("vendor_id", "=", vendorId)
          .executeTakeFirstOrThrow()
      ).public_id;
    const byPlace = await Promise.all(
      vendors.map(async (v) => {
        const id = await applicationOf(v.vendorId);
        return { ...v, place: results.places.find((p) => p.id === id)! };
      }),
    );
    byPlace.sort((a, b) => a.place.place - b.place.place);
    const [first, second, ...rest] = byPlace;

    for (const winner of [first!, second!]) {
      const booked = await bookingsOf(winner.vendorId);
      expect(booked.map((b) => [b.local_date, b.code, b.status])).toEqual(
        sessions.map((s) => [s.localDate, winner.place.stall, "confirmed"]),
      );
      expect(await inbox(winner.userId)).toEqual([
        expect.objectContaining({ message_key: "inbox.ballotWon" }),
      ]);
    }
    for (const [i, loser] of rest.entries()) {
      expect(loser.place.stall).toBeNull();
      expect(await bookingsOf(loser.vendorId)).toEqual([]);
      const [told] = await inbox(loser.userId);
      expect(told?.message_key).toBe("inbox.ballotWaiting");
      expect(JSON.parse(told!.params).position).toBe(i + 1);
    }
    // Each session's waiting list is in draw order.
    const list = await db
      .selectFrom("waitlist_entries")
      .select(["vendor_id"])
      .where("zone_id", "=", m.zoneId)
      .where("local_date", "=", FIRST)
      .where("status", "=", "waiting")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(list.map((e) => e.vendor_id)).toEqual(rest.map((v) => v.vendorId));

    // The results are out: stalls nobody won are free again.
    const later = await createApprovedVendor(db);
    expect((await m.book(later.vendorId, m.stalls[0]!.id, "2027-02-08", AFTER)).ok).toBe(true);

    // A winner cannot come on the second day: the first on the list is offered the stall.
    const [, secondDay] = await bookingsOf(first!.vendorId);
    expect(
      await cancelBooking(db, { bookingId: secondDay!.id, vendorId: first!.vendorId }, AFTER),
    ).toMatchObject({ ok: true });
    const offer = await db
      .selectFrom("waitlist_entries")
      .innerJoin("stalls", "stalls.id", "waitlist_entries.offered_stall_id")
      .select(["waitlist_entries.vendor_id", "stalls.code"])
      .where("waitlist_entries.status", "=", "offered")
      .where("waitlist_entries.zone_id", "=", m.zoneId)
      .executeTakeFirstOrThrow();
    expect(offer).toEqual({ vendor_id: rest[0]!.vendorId, code: first!.place.stall });
  });

  it("keeps what a winner booked before the ballot and leaves out stalls booked before it opened", async () => {
    const zone = await createZoneLike(db, "fuxin-community", {
      name: "先订后摇",
      managerUserIds: [],
    });
    const stalls = await stallsTaking(db, zone.slug, "fresh_produce");
    const morning = await templateKey(db, zone.slug, "morning");
    const early = await createApprovedVendor(db);
    const BEFORE = new Date("2027-01-23T00:00:00Z");
    // Booked before the ballot was opened: stall 0 on the first day.
    expect(
      (
        await bookStall(
          db,
          {
            vendorId: early.vendorId,
            stallId: stalls[0]!.id,
            localDate: FIRST,
            sessionKey: morning,
            idempotencyKey: newIdempotencyKey(),
          },
          BEFORE,
        )
      ).ok,
    ).toBe(true);
    const officeId = await officeUserId(db);
    const opened = await openBallot(
      db,
      {
        zoneId: zone.zoneId,
        titleZh: "后开的摇号",
        titleEn: "A ballot opened later",
        firstDate: FIRST,
        lastDate: LAST,
        sessionKind: "morning",
        opensAt: DURING,
        closesAt: CLOSES,
        newcomerShare: 0,
        lookbackMonths: 6,
        stallIds: stalls.slice(0, 3).map((s) => s.id),
        actorUserId: officeId,
      },
      DURING,
    );
    expect(opened.leftOut).toEqual([stalls[0]!.code]);
    await applyToBallot(
      db,
      {
        ballotId: opened.id,
        vendorId: early.vendorId,
        preferences: [],
        anyStall: true,
        ownProduce: false,
      },
      DURING,
    );
    await closeAndDraw(db, opened.id, AFTER);
    // They won a stall for the other two days; on the first they keep the one they had.
    const booked = await bookingsOf(early.vendorId);
    expect(booked.map((b) => b.local_date)).toEqual([FIRST, "2027-02-06", LAST]);
    expect(booked[0]!.code).toBe(stalls[0]!.code);
    expect(new Set(booked.slice(1).map((b) => b.code)).size).toBe(1);
    expect(booked[1]!.code).not.toBe(stalls[0]!.code);
  });
});
