// Reminders the evening before a session and notices of papers about to expire: queued once
// each however often the job asks, on the market's clock, never to someone who said no.
import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { queueReminders } from "./reminders.server";

const ZONE = "longquan-park-evening";
let nextStall = 0;

async function bookTomorrow(localDate: string, startsAt: string) {
  const v = await createApprovedVendor(db);
  const stall = (await stallsTaking(db, ZONE, "fresh_produce"))[nextStall++];
  const key = await templateKey(db, ZONE, "evening");
  const { id } = await db
    .insertInto("bookings")
    .values({
      zone_id: stall!.zone_id,
      stall_id: stall!.id,
      vendor_id: v.vendorId,
      local_date: localDate,
      session_key: key,
      starts_at: startsAt,
      ends_at: startsAt,
      status: "confirmed",
      fee_fen: 0,
      idempotency_key: `reminder-${v.vendorId}`,
      created_at: "2026-11-01T00:00:00.000Z",
      updated_at: "2026-11-01T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ...v, bookingId: id, code: stall!.code };
}

const smsOf = (phone: string) =>
  db.selectFrom("outbox").selectAll().where("recipient", "=", phone).execute();

describe("the day-before reminder", () => {
  it("is queued from 17:00 the day before, once, unless the vendor switched it off", async () => {
    // A session on 2031-03-05 at 18:30 in Huguan (10:30 UTC).
    const a = await bookTomorrow("2031-03-05", "2031-03-05T10:30:00.000Z");
    const off = await bookTomorrow("2031-03-05", "2031-03-05T10:30:00.000Z");
    await db.updateTable("users").set({ sms_reminders: 0 }).where("id", "=", off.userId).execute();

    // 16:59 the day before in Huguan: nothing yet.
    await queueReminders(db, new Date("2031-03-04T08:59:00Z"));
    expect(await smsOf(a.phone)).toEqual([]);
    // 17:00: queued; asked again, not again.
    await queueReminders(db, new Date("2031-03-04T09:00:00Z"));
    await queueReminders(db, new Date("2031-03-04T09:01:00Z"));
    const sms = await smsOf(a.phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ kind: "day_before", dedupe_key: `day_before:${a.bookingId}` });
    expect(sms[0]!.body).toBe(
      `提醒：您预约了 龙泉公园晚市 3月5日周三 18:30 的 ${a.code} 号摊位，到场后找管理员签到。去不了请提前取消。`,
    );
    expect(await smsOf(off.phone)).toEqual([]);
  });

  it("is held through the night, and dropped when it would come after the market opened", async () => {
    const early = await bookTomorrow("2031-04-02", "2031-04-01T22:30:00.000Z"); // 06:30 local
    const later = await bookTomorrow("2031-04-02", "2031-04-02T10:30:00.000Z"); // 18:30 local
    // 22:00 the evening before in Huguan: quiet hours until 07:00.
    await queueReminders(db, new Date("2031-04-01T14:00:00Z"));
    expect(await smsOf(early.phone)).toEqual([]);
    const [held] = await smsOf(later.phone);
    expect(held!.next_attempt_at).toBe("2031-04-01T23:00:00.000Z");
  });
});

describe("notices of papers about to expire", () => {
  it("come 30 and 7 days ahead, each once", async () => {
    const v = await createApprovedVendor(db);
    await db
      .updateTable("documents")
      .set({ expires_on: "2031-06-30" })
      .where("vendor_id", "=", v.vendorId)
      .execute();
    const papers = await db
      .selectFrom("documents")
      .select("id")
      .where("vendor_id", "=", v.vendorId)
      .execute();
    // 31 days ahead: nothing; 30: one notice a paper; again the same day: none more.
    await queueReminders(db, new Date("2031-05-30T02:00:00Z"));
    expect(await smsOf(v.phone)).toEqual([]);
    await queueReminders(db, new Date("2031-05-31T02:00:00Z"));
    await queueReminders(db, new Date("2031-06-10T02:00:00Z"));
    expect(await smsOf(v.phone)).toHaveLength(papers.length);
    await queueReminders(db, new Date("2031-06-23T02:00:00Z"));
    await queueReminders(db, new Date("2031-06-24T02:00:00Z"));
    const all = await smsOf(v.phone);
    expect(all).toHaveLength(2 * papers.length);
    expect(all.map((s) => s.dedupe_key).sort()).toEqual(
      papers.flatMap((p) => [`paper:${p.id}:30`, `paper:${p.id}:7`]).sort(),
    );
    expect(all.at(-1)!.body).toMatch(/将于 2031年6月30日 到期（还有 7 天）/);
  });
});
