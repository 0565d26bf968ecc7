import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { bookStall, newIdempotencyKey } from "./booking.server";
import {
  assignWalkUp,
  checkIn,
  daySheet,
  findWalkUpVendor,
  markNoShow,
  recordFee,
} from "./market-day.server";
import { listNotifications } from "./notification.server";
import { activeBans } from "./penalty.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const ZONE = "fuxin-community";
const bookedAt = new Date("2026-11-28T00:00:00Z");

async function officeId() {
  return (
    await db.selectFrom("users").select("id").where("role", "=", "office").executeTakeFirstOrThrow()
  ).id;
}

async function booking(stallIndex: number, localDate = "2026-12-01") {
  const stalls = await stallsTaking(db, ZONE, "fresh_produce");
  const morning = await templateKey(db, ZONE, "morning");
  const vendor = await createApprovedVendor(db);
  const result = await bookStall(
    db,
    {
      vendorId: vendor.vendorId,
      stallId: stalls[stallIndex]!.id,
      localDate,
      sessionKey: morning,
      idempotencyKey: newIdempotencyKey(),
    },
    bookedAt,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { ...vendor, booking: result.booking, morning, zoneId: stalls[0]!.zone_id, stalls };
}

// Tuesday 1 December 2026: the morning market starts at 06:00 in Huguan, 22:00 UTC the day before.
const start = new Date("2026-11-30T22:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

describe("the market day", () => {
  it("checks a vendor in, records what they paid, and audits both", async () => {
    const b = await booking(0);
    const actor = await officeId();
    expect(
      await checkIn(db, {
        zoneId: b.zoneId,
        bookingId: b.booking.id,
        actorUserId: actor,
        now: minutes(5),
      }),
    ).toEqual({ ok: true });
    expect(
      await recordFee(
        db,
        { zoneId: b.zoneId, bookingId: b.booking.id, actorUserId: actor, now },
        500,
      ),
    ).toEqual({ ok: true });
    const sheet = await daySheet(db, {
      zoneId: b.zoneId,
      localDate: "2026-12-01",
      sessionKey: b.morning,
    });
    expect(sheet.find((r) => r.id === b.booking.id)).toMatchObject({
      status: "checked_in",
      fee_collected_fen: 500,
    });
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "booking")
      .where("entity_id", "=", b.booking.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["booking.checkIn", "booking.fee_recorded"]);
  });

  it("marks a no-show only from 30 minutes after the start, and tells the vendor", async () => {
    const b = await booking(1);
    const actor = await officeId();
    expect(
      await markNoShow(db, {
        zoneId: b.zoneId,
        bookingId: b.booking.id,
        actorUserId: actor,
        now: minutes(29),
      }),
    ).toEqual({ ok: false, code: "tooEarly" });
    expect(
      await markNoShow(db, {
        zoneId: b.zoneId,
        bookingId: b.booking.id,
        actorUserId: actor,
        now: minutes(30),
      }),
    ).toEqual({ ok: true });
    expect((await listNotifications(db, b.userId))[0]?.message_key).toBe("inbox.noShow");
    // A vendor who checked in cannot be marked absent.
    const here = await booking(2);
    await checkIn(db, {
      zoneId: b.zoneId,
      bookingId: here.booking.id,
      actorUserId: actor,
      now: minutes(1),
    });
    expect(
      await markNoShow(db, {
        zoneId: b.zoneId,
        bookingId: here.booking.id,
        actorUserId: actor,
        now: minutes(40),
      }),
    ).toEqual({ ok: false, code: "notAllowed" });
  });

  it("cannot act on another zone's booking", async () => {
    const b = await booking(3);
    const other = await db
      .selectFrom("zones")
      .select("id")
      .where("slug", "=", "shuita-community")
      .executeTakeFirstOrThrow();
    expect(
      await checkIn(db, {
        zoneId: other.id,
        bookingId: b.booking.id,
        actorUserId: await officeId(),
        now,
      }),
    ).toEqual({ ok: false, code: "notFound" });
  });

  it("pauses a vendor's bookings after three no-shows within 60 days", async () => {
    const actor = await officeId();
    const stalls = await stallsTaking(db, ZONE, "fresh_produce");
    const morning = await templateKey(db, ZONE, "morning");
    const vendor = await createApprovedVendor(db);
    for (const [i, day] of ["2026-12-02", "2026-12-03", "2026-12-04"].entries()) {
      const r = await bookStall(
        db,
        {
          vendorId: vendor.vendorId,
          stallId: stalls[10 + i]!.id,
          localDate: day,
          sessionKey: morning,
          idempotencyKey: newIdempotencyKey(),
        },
        bookedAt,
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      await markNoShow(db, {
        zoneId: stalls[0]!.zone_id,
        bookingId: r.booking.id,
        actorUserId: actor,
        now: new Date(Date.parse(r.booking.starts_at) + 31 * 60_000),
      });
    }
    const after = new Date("2026-12-04T02:00:00Z");
    const refused = await bookStall(
      db,
      {
        vendorId: vendor.vendorId,
        stallId: stalls[14]!.id,
        localDate: "2026-12-10",
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
      },
      after,
    );
    expect(!refused.ok && refused.code).toBe("penaltyBan");
    // The vendor's home says where and until when.
    expect(await activeBans(db, vendor.vendorId, after)).toEqual([
      {
        zoneId: stalls[0]!.zone_id,
        name_zh: "福馨社区便民市场",
        name_en: "Fuxin Community Market",
        time_zone: "Asia/Shanghai",
        until: "2026-12-17T22:00:00.000Z",
      },
    ]);
    // Fourteen days after the third no-show (3 December 22:00 UTC), booking opens again.
    const later = await bookStall(
      db,
      {
        vendorId: vendor.vendorId,
        stallId: stalls[14]!.id,
        localDate: "2026-12-20",
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
      },
      new Date("2026-12-17T22:01:00Z"),
    );
    expect(later.ok).toBe(true);
  });
});

describe("a walk-up vendor", () => {
  it("is found by phone, however it is typed, or by e-mail; nobody for an unknown one", async () => {
    const { vendorId, phone } = await createApprovedVendor(db, "cooked_food", { name: "现场凉粉" });
    const found = await findWalkUpVendor(db, ` +86 ${phone.slice(0, 3)}-${phone.slice(3)} `);
    expect(found).toMatchObject({
      id: vendorId,
      display_name: "现场凉粉",
      category_slug: "cooked_food",
    });
    expect(await findWalkUpVendor(db, "13000000000")).toBeUndefined();
    expect(await findWalkUpVendor(db, "   ")).toBeUndefined();
    expect(await findWalkUpVendor(db, "vendor.wang@JISHI.example")).toMatchObject({
      display_name: expect.any(String),
    });
  });

  it("gets a free stall on the spot, checked in, with the stall's fee", async () => {
    const b = await booking(4, "2026-12-05");
    const walker = await createApprovedVendor(db);
    const result = await assignWalkUp(
      db,
      {
        zoneId: b.zoneId,
        stallId: b.stalls[5]!.id,
        identifier: walker.phone,
        localDate: "2026-12-05",
        sessionKey: b.morning,
        startsAt: "2026-12-04T22:00:00.000Z",
        endsAt: "2026-12-05T01:00:00.000Z",
        actorUserId: await officeId(),
        timeZone: "Asia/Shanghai",
      },
      new Date("2026-12-04T22:20:00.000Z"),
    );
    expect(result.ok).toBe(true);
    const row = await db
      .selectFrom("bookings")
      .selectAll()
      .where("vendor_id", "=", walker.vendorId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "checked_in", walk_up: 1, fee_fen: 500 });
  });

  it("is refused a taken stall, a stall of another category, or when unknown", async () => {
    const b = await booking(6, "2026-12-06");
    const walker = await createApprovedVendor(db);
    const base = {
      zoneId: b.zoneId,
      identifier: walker.phone,
      localDate: "2026-12-06",
      sessionKey: b.morning,
      startsAt: "2026-12-05T22:00:00.000Z",
      endsAt: "2026-12-06T01:00:00.000Z",
      actorUserId: await officeId(),
      timeZone: "Asia/Shanghai",
    };
    const now = new Date("2026-12-05T21:30:00.000Z");
    expect(await assignWalkUp(db, { ...base, stallId: b.stalls[6]!.id }, now)).toEqual({
      ok: false,
      code: "stallTaken",
    });
    const cooked = (await stallsTaking(db, ZONE, "cooked_food"))[0]!;
    expect(await assignWalkUp(db, { ...base, stallId: cooked.id }, now)).toEqual({
      ok: false,
      code: "categoryNotAllowed",
    });
    expect(
      await assignWalkUp(db, { ...base, stallId: b.stalls[7]!.id, identifier: "13012345678" }, now),
    ).toEqual({ ok: false, code: "vendorNotFound" });
    expect(
      await assignWalkUp(
        db,
        {
          ...base,
          stallId: b.stalls[7]!.id,
          identifier: "vendor.pending@jishi.example",
        },
        now,
      ),
    ).toEqual({ ok: false, code: "vendorNotApproved" });
  });
});

describe("the check-in window", () => {
  it("opens check-in an hour before the start and closes it at the end", async () => {
    const b = await booking(8);
    const actor = await officeId();
    const at = (n: number) => ({
      zoneId: b.zoneId,
      bookingId: b.booking.id,
      actorUserId: actor,
      now: minutes(n),
    });
    // The evening before, and a minute before the hour: not yet, saying when it opens.
    expect(await checkIn(db, at(-17 * 60))).toEqual({
      ok: false,
      code: "checkInNotYet",
      opensAt: minutes(-60).toISOString(),
    });
    expect((await checkIn(db, at(-61))).ok).toBe(false);
    // After the market ends (09:00, three hours after the start): over.
    expect(await checkIn(db, at(180))).toEqual({ ok: false, code: "checkInOver" });
    expect(await checkIn(db, at(-60))).toEqual({ ok: true });
  });

  it("holds walk-ups to the same window", async () => {
    const b = await booking(9);
    const walker = await createApprovedVendor(db);
    const input = {
      zoneId: b.zoneId,
      stallId: b.stalls[10]!.id,
      identifier: walker.phone,
      localDate: "2026-12-01",
      sessionKey: b.morning,
      startsAt: start.toISOString(),
      endsAt: minutes(180).toISOString(),
      actorUserId: await officeId(),
      timeZone: "Asia/Shanghai",
    };
    expect(await assignWalkUp(db, input, minutes(-90))).toMatchObject({ code: "checkInNotYet" });
    expect(await assignWalkUp(db, input, minutes(200))).toEqual({ ok: false, code: "checkInOver" });
    expect(await assignWalkUp(db, input, minutes(10))).toMatchObject({ ok: true });
  });
});
