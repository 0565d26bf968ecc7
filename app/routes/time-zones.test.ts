// A market in another time zone shows its own hours: on the booking page, on the receipt and in
// a refusal's "booking opens at". Fuxin is moved to Berlin for this file's copy of the demo.
import { beforeAll, describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { cookieForUser, settle, testContext } from "#db/testing/requests";
import { refusalMessage, type RefusalLike } from "~/components/refusal-message";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { bookStall, newIdempotencyKey } from "~/models/booking.server";
import { db } from "~/utils/db.server";
import { translator } from "~/utils/i18n";
import { action as bookAction, loader as bookLoader } from "./book.$slug";
import { loader as receiptLoader } from "./vendor.bookings_.$id";

const ZONE = "fuxin-community";
const BERLIN = "Europe/Berlin";
const now = new Date();

async function asVendor(userId: number, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("Cookie", await cookieForUser(userId));
  headers.set("Accept-Language", "en");
  return new Request(`http://localhost${path}`, { ...init, headers });
}

beforeAll(async () => {
  await db.updateTable("zones").set({ time_zone: BERLIN }).where("slug", "=", ZONE).execute();
});

describe("a market in Berlin", () => {
  it("lists its sessions at Berlin's hours and books them at the right instant", async () => {
    const vendor = await createApprovedVendor(db);
    const page = (await bookLoader({
      request: await asVendor(vendor.userId, `/book/${ZONE}`),
      params: { slug: ZONE },
      context: testContext,
    })) as Awaited<ReturnType<typeof bookLoader>>;
    expect(page.zone.timeZone).toBe(BERLIN);
    const morning = page.sessions.find((s) => s.kind === "morning")!;
    expect(morning.startTime).toBe("06:00");
    // 06:00 on Berlin's clocks, whatever offset it has that day.
    expect(localMoment(new Date(morning.startsAt), BERLIN).minutes).toBe(6 * 60);

    const stall = (await stallsTaking(db, ZONE, "fresh_produce"))[0]!;
    const booked = await bookStall(
      db,
      {
        vendorId: vendor.vendorId,
        stallId: stall.id,
        localDate: morning.localDate,
        sessionKey: morning.key,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    if (!booked.ok) throw new Error(JSON.stringify(booked));
    const receipt = (await receiptLoader({
      request: await asVendor(vendor.userId, `/vendor/bookings/${booked.booking.id}`),
      params: { id: String(booked.booking.id) },
      context: testContext,
    })) as Awaited<ReturnType<typeof receiptLoader>>;
    expect(receipt.startTime).toBe("06:00");
    expect(receipt.booking.starts_at).toBe(morning.startsAt);
  });

  it("says when booking opens on Berlin's clock", async () => {
    const vendor = await createApprovedVendor(db);
    const today = localMoment(now, BERLIN).date;
    const far = addDays(today, 40);
    const key = await templateKey(db, ZONE, "morning");
    const stall = (await stallsTaking(db, ZONE, "fresh_produce"))[1]!;
    const body = new URLSearchParams({
      stallId: String(stall.id),
      localDate: far,
      sessionKey: key,
      key: newIdempotencyKey(),
    });
    const answer = (await settle(async () =>
      bookAction({
        request: await asVendor(vendor.userId, `/book/${ZONE}`, { method: "POST", body }),
        params: { slug: ZONE },
        context: testContext,
      }),
    )) as { data: { refusal: RefusalLike }; init: { status: number } };
    expect(answer.data.refusal.code).toBe("windowNotOpen");
    const params = answer.data.refusal.params as Record<string, string>;
    const opensAt = new Date(params.opensAt!);
    const berlin = refusalMessage(translator("en"), "en", answer.data.refusal, BERLIN);
    const shanghai = refusalMessage(translator("en"), "en", answer.data.refusal, "Asia/Shanghai");
    const hour = (timeZone: string) =>
      new Intl.DateTimeFormat("en", { timeZone, timeStyle: "short" }).format(opensAt);
    expect(berlin).toContain(hour(BERLIN));
    expect(berlin).not.toBe(shanghai);
  });
});
