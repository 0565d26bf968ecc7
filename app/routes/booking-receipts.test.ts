// The receipt with its check-in code, the scan that checks a vendor in, and the calendar feed.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { requestAs, settle, testContext, userIdByEmail } from "#db/testing/requests";
import { stallsTaking, templateKey } from "#db/testing/factories";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { bookStall, newIdempotencyKey } from "~/models/booking.server";
import { calendarToken, resetCalendarToken } from "~/models/vendor-calendar.server";
import { db } from "~/utils/db.server";
import { loader as feed } from "./calendar.$token";
import { action as scan, loader as scanPage } from "./manage.check-in.$id";
import { loader as receipt } from "./vendor.bookings_.$id";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const WANG = "vendor.wang@jishi.example";

let daysAhead = 2;

/** A booking of Wang's a few days ahead, inside the booking window whatever today is. */
async function wangsBooking() {
  const vendor = await db
    .selectFrom("vendors")
    .select("id")
    .where("user_id", "=", await userIdByEmail(WANG))
    .executeTakeFirstOrThrow();
  const stalls = await stallsTaking(db, "fuxin-community", "fresh_produce");
  daysAhead += 1;
  const localDate = addDays(localMoment(new Date(), "Asia/Shanghai").date, daysAhead);
  const result = await bookStall(
    db,
    {
      vendorId: vendor.id,
      stallId: stalls[0]!.id,
      localDate,
      sessionKey: await templateKey(db, "fuxin-community", "morning"),
      idempotencyKey: newIdempotencyKey(),
    },
    now,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { vendorId: vendor.id, booking: result.booking };
}

describe("the receipt", () => {
  it("shows its owner a QR code that leads to the check-in page, and nobody else", async () => {
    const { booking } = await wangsBooking();
    const mine = (await receipt({
      request: await requestAs(WANG, "/"),
      params: { id: String(booking.id) },
      context: testContext,
    })) as { qr: string };
    expect(mine.qr).toMatch(/^<svg/);
    const theirs = await settle(async () =>
      receipt({
        request: await requestAs("vendor.pending@jishi.example", "/"),
        params: { id: String(booking.id) },
        context: testContext,
      }),
    );
    expect((theirs as Response).status).toBe(404);
  });

  it("checks the vendor in when a manager of the zone scans it; another zone's manager is refused", async () => {
    const { booking } = await wangsBooking();
    const other = await settle(async () =>
      scanPage({
        request: await requestAs("manager.parks@jishi.example", "/"),
        params: { id: String(booking.id) },
        context: testContext,
      }),
    );
    expect((other as Response).status).toBe(403);
    // Days before the session: refused, saying when check-in opens.
    const early = await scan({
      request: await requestAs("manager.longquan@jishi.example", "/", { method: "POST" }),
      params: { id: String(booking.id) },
      context: testContext,
    });
    expect(early).toMatchObject({
      init: { status: 409 },
      data: { error: "day.error.checkInNotYet", params: { time: expect.any(String) } },
    });
    // While its session runs, the same scan checks the vendor in.
    await db
      .updateTable("bookings")
      .set({
        starts_at: new Date(Date.now() - 600_000).toISOString(),
        ends_at: new Date(Date.now() + 7_200_000).toISOString(),
      })
      .where("id", "=", booking.id)
      .execute();
    const done = (await scan({
      request: await requestAs("manager.longquan@jishi.example", "/", { method: "POST" }),
      params: { id: String(booking.id) },
      context: testContext,
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toMatch(
      /^\/manage\/zones\/fuxin-community\/day\?session=/,
    );
    const row = await db
      .selectFrom("bookings")
      .select(["status", "checked_in_at"])
      .where("id", "=", booking.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("checked_in");
    expect(row.checked_in_at).not.toBeNull();
  });
});

describe("the private calendar feed", () => {
  it("lists the vendor's bookings as iCalendar, and stops working when reset", async () => {
    const { vendorId, booking } = await wangsBooking();
    const token = await calendarToken(db, vendorId);
    expect(await calendarToken(db, vendorId)).toBe(token);
    const response = (await feed({
      request: new Request("http://localhost/"),
      params: { token: `${token}.ics` },
      context: testContext,
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const event = events.find((e) => e.uid === `booking-${booking.id}@jishi`);
    expect(event?.summary).toBe("福馨社区便民市场 · A-01");
    expect(event?.startDate.toJSDate().toISOString()).toBe(booking.starts_at);

    await resetCalendarToken(db, vendorId);
    const old = await settle(() =>
      feed({
        request: new Request("http://localhost/"),
        params: { token: `${token}.ics` },
        context: testContext,
      }),
    );
    expect((old as Response).status).toBe(404);
  });
});
