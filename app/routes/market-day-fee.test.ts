// The day sheet's fee form against a fresh copy of the demo: only a plain amount in yuan is
// recorded; anything else is refused with the form's message and the recorded fee stays.
import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { requestAs, settle, testContext } from "#db/testing/requests";
import { bookStall, newIdempotencyKey } from "~/models/booking.server";
import { checkIn } from "~/models/market-day.server";
import { db } from "~/utils/db.server";
import { action } from "./manage.zones.$slug_.day";

const ZONE = "fuxin-community";
const MANAGER = "manager.longquan@jishi.example";

async function checkedInBooking() {
  const stalls = await stallsTaking(db, ZONE, "fresh_produce");
  const morning = await templateKey(db, ZONE, "morning");
  const vendor = await createApprovedVendor(db);
  const booked = await bookStall(
    db,
    {
      vendorId: vendor.vendorId,
      stallId: stalls[5]!.id,
      localDate: "2026-12-01",
      sessionKey: morning,
      idempotencyKey: newIdempotencyKey(),
    },
    new Date("2026-11-28T00:00:00Z"),
  );
  if (!booked.ok) throw new Error(JSON.stringify(booked));
  const zoneId = stalls[0]!.zone_id;
  const manager = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", MANAGER)
    .executeTakeFirstOrThrow();
  const checked = await checkIn(db, {
    zoneId,
    bookingId: booked.booking.id,
    actorUserId: manager.id,
    now: new Date("2026-11-30T22:05:00Z"),
  });
  expect(checked).toEqual({ ok: true });
  return { booking: booked.booking, session: `2026-12-01|${morning}` };
}

async function postFee(bookingId: number, session: string, amount: string | null) {
  const body = new URLSearchParams({ intent: "fee", bookingId: String(bookingId), session });
  if (amount !== null) body.set("amount", amount);
  const request = await requestAs(MANAGER, `/manage/zones/${ZONE}/day`, { method: "POST", body });
  return settle(() => action({ request, params: { slug: ZONE }, context: testContext }));
}

const collected = async (id: number) =>
  (
    await db
      .selectFrom("bookings")
      .select("fee_collected_fen")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).fee_collected_fen;

describe("the day sheet's fee", () => {
  it("records 2.5 yuan as 250 fen and refuses empty, hex, exponent and negative amounts", async () => {
    const { booking, session } = await checkedInBooking();
    await postFee(booking.id, session, "2.5");
    expect(await collected(booking.id)).toBe(250);
    for (const amount of ["", "  ", "0x10", "1e3", "-5", "5.555", null]) {
      const answer = (await postFee(booking.id, session, amount)) as {
        init: { status: number };
        data: { error: string };
      };
      expect(answer.init.status, String(amount)).toBe(400);
      expect(answer.data.error).toBe("day.error.amount");
      expect(await collected(booking.id), String(amount)).toBe(250);
    }
  });
});
