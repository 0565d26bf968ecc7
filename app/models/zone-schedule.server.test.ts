import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { bookStall, newIdempotencyKey } from "./booking.server";
import { listNotifications } from "./notification.server";
import {
  addClosure,
  addEvent,
  removeEvent,
  removeTemplate,
  saveBookingSettings,
} from "./zone-schedule.server";
import { getBookingSettings } from "./zone-calendar.server";
import { DEFAULT_BOOKING_SETTINGS } from "~/domain/booking-rules";

const now = new Date("2026-11-28T00:00:00Z");
const ZONE = "shuita-community";

async function officeId() {
  return (
    await db.selectFrom("users").select("id").where("role", "=", "office").executeTakeFirstOrThrow()
  ).id;
}

async function bookedVendor(stallIndex: number, localDate: string, sessionKey: string) {
  const stalls = await stallsTaking(db, ZONE, "fresh_produce");
  const vendor = await createApprovedVendor(db);
  const result = await bookStall(
    db,
    {
      vendorId: vendor.vendorId,
      stallId: stalls[stallIndex]!.id,
      localDate,
      sessionKey,
      idempotencyKey: newIdempotencyKey(),
    },
    now,
  );
  if (!result.ok) throw new Error(`booking failed: ${JSON.stringify(result)}`);
  return { ...vendor, bookingId: result.booking.id, zoneId: stalls[0]!.zone_id };
}

const statusOf = async (id: number) =>
  await db
    .selectFrom("bookings")
    .select(["status", "cancelled_late", "cancel_reason"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("a closure", () => {
  it("cancels the regular sessions' bookings of its days without penalty, tells the vendors, and is audited", async () => {
    const morning = await templateKey(db, ZONE, "morning");
    const evening = await templateKey(db, ZONE, "evening");
    const inside = await bookedVendor(0, "2026-12-02", morning);
    const insideEvening = await bookedVendor(1, "2026-12-03", evening);
    const outside = await bookedVendor(2, "2026-12-04", morning);
    const actor = await officeId();

    const { cancelled } = await addClosure(
      db,
      { zoneId: inside.zoneId, actorUserId: actor, now },
      { startsOn: "2026-12-02", endsOn: "2026-12-03", reason: "道路施工" },
    );
    expect(cancelled).toBe(2);
    expect(await statusOf(inside.bookingId)).toEqual({
      status: "cancelled",
      cancelled_late: 0,
      cancel_reason: "道路施工",
    });
    expect((await statusOf(insideEvening.bookingId)).status).toBe("cancelled");
    expect((await statusOf(outside.bookingId)).status).toBe("confirmed");

    const inbox = await listNotifications(db, inside.userId);
    expect(inbox[0]).toMatchObject({
      message_key: "inbox.closureCancelled",
      params: { date: "2026-12-02", reason: "道路施工", market: "水塔社区早晚市" },
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "zone.closure_added")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ cancelled_bookings: 2 });

    // The closed days can no longer be booked.
    const stalls = await stallsTaking(db, ZONE, "fresh_produce");
    const late = await createApprovedVendor(db);
    const refused = await bookStall(
      db,
      {
        vendorId: late.vendorId,
        stallId: stalls[5]!.id,
        localDate: "2026-12-02",
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    expect(!refused.ok && refused.code).toBe("sessionNotHeld");
  });
});

describe("events and templates", () => {
  it("an event can be booked, and removing it cancels its bookings", async () => {
    const actor = await officeId();
    const stalls = await stallsTaking(db, ZONE, "fresh_produce");
    const eventId = await addEvent(
      db,
      { zoneId: stalls[0]!.zone_id, actorUserId: actor, now },
      {
        localDate: "2026-12-06",
        startTime: "09:00",
        endTime: "12:00",
        titleZh: "冬季农产品展销",
        titleEn: "Winter produce fair",
      },
    );
    const booked = await bookedVendor(3, "2026-12-06", `e${eventId}`);
    expect(
      await removeEvent(db, { zoneId: stalls[0]!.zone_id, actorUserId: actor, now }, eventId),
    ).toEqual({ cancelled: 1 });
    expect((await statusOf(booked.bookingId)).status).toBe("cancelled");
    expect((await listNotifications(db, booked.userId))[0]?.message_key).toBe(
      "inbox.eventCancelled",
    );
  });

  it("removing a weekly session cancels its future bookings", async () => {
    const actor = await officeId();
    const evening = await templateKey(db, ZONE, "evening");
    const booked = await bookedVendor(4, "2026-12-07", evening);
    const result = await removeTemplate(
      db,
      { zoneId: booked.zoneId, actorUserId: actor, now },
      Number(evening.slice(1)),
    );
    expect(result).toEqual({ cancelled: 1 });
    expect((await statusOf(booked.bookingId)).status).toBe("cancelled");
  });

  it("only a zone's own records can be removed through it", async () => {
    const actor = await officeId();
    const other = await db
      .selectFrom("zones")
      .select("id")
      .where("slug", "=", "fuxin-community")
      .executeTakeFirstOrThrow();
    const fuxinMorning = await templateKey(db, "fuxin-community", "morning");
    const shuita = await db
      .selectFrom("zones")
      .select("id")
      .where("slug", "=", ZONE)
      .executeTakeFirstOrThrow();
    expect(
      await removeTemplate(
        db,
        { zoneId: shuita.id, actorUserId: actor, now },
        Number(fuxinMorning.slice(1)),
      ),
    ).toBeNull();
    expect(other.id).not.toBe(shuita.id);
  });
});

describe("booking settings", () => {
  it("are saved per zone, read back, and audited with before and after", async () => {
    const actor = await officeId();
    const zone = await db
      .selectFrom("zones")
      .select("id")
      .where("slug", "=", ZONE)
      .executeTakeFirstOrThrow();
    const settings = {
      ...DEFAULT_BOOKING_SETTINGS,
      weeklyQuota: 3,
      requiresApproval: true,
      categoryCaps: { cooked_food: 4 },
    };
    await saveBookingSettings(db, { zoneId: zone.id, actorUserId: actor, now }, settings);
    expect(await getBookingSettings(db, zone.id)).toEqual(settings);
    await saveBookingSettings(
      db,
      { zoneId: zone.id, actorUserId: actor, now },
      { ...settings, weeklyQuota: 4 },
    );
    expect((await getBookingSettings(db, zone.id)).weeklyQuota).toBe(4);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "zone.settings_changed")
      .orderBy("id")
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ weeklyQuota: 6 });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ weeklyQuota: 4 });
  });
});
