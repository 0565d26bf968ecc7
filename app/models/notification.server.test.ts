// What must reach a phone is queued as an SMS with the inbox message, in the reader's language,
// on the market's clock.
import { describe, expect, it } from "vitest";
import { createApprovedVendor } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { notify } from "./notification.server";
import { setUserLocale } from "./user.server";

const now = new Date("2026-11-29T02:00:00Z");
const offer = (userId: number) =>
  notify(db, {
    userId,
    kind: "waitlist.offer",
    messageKey: "inbox.waitlistOffer",
    params: {
      market: "龙泉公园夜市",
      marketEn: "Longquan Park Evening Market",
      date: "2026-12-02",
      stall: "A-03",
      until: "2026-12-02T12:30:00.000Z",
    },
    sms: { kind: "waitlist_offer", timeZone: "Asia/Shanghai", topic: "offer:1", link: "/o/1" },
    now,
  });
const smsOf = (phone: string) =>
  db.selectFrom("outbox").selectAll().where("recipient", "=", phone).execute();

describe("notify with an SMS", () => {
  it("queues the SMS in the vendor's language, times on the market's clock", async () => {
    const zh = await createApprovedVendor(db);
    const en = await createApprovedVendor(db);
    await setUserLocale(db, en.userId, "en");
    await offer(zh.userId);
    await offer(en.userId);

    const [chinese] = await smsOf(zh.phone);
    expect(chinese).toMatchObject({
      kind: "waitlist_offer",
      locale: "zh-CN",
      status: "queued",
      topic: "offer:1",
    });
    expect(chinese!.body).toBe(
      "龙泉公园夜市 12月2日周三 的 A-03 号摊位空出来了，为您保留到 2026年12月2日 20:30，点 http://localhost:3000/o/1 确认。",
    );
    const [english] = await smsOf(en.phone);
    expect(english!.body).toBe(
      "Stall A-03 at Longquan Park Evening Market on Wed, December 2 is free and held for you until Dec 2, 2026, 8:30 PM. Take it: http://localhost:3000/o/1",
    );
    expect(JSON.parse(english!.params!)).toMatchObject({
      stall: "A-03",
      until: "Dec 2, 2026, 8:30 PM",
    });
  });

  it("writes the same to the vendor's e-mail address when there is one", async () => {
    const v = await createApprovedVendor(db);
    await db
      .updateTable("users")
      .set({ email: `v${v.userId}@jishi.example` })
      .where("id", "=", v.userId)
      .execute();
    await offer(v.userId);
    const [mail] = await db
      .selectFrom("outbox")
      .selectAll()
      .where("recipient", "=", `v${v.userId}@jishi.example`)
      .execute();
    expect(mail).toMatchObject({
      channel: "email",
      subject: "集市：候补的摊位空出来了",
      kind: "waitlist_offer",
      topic: "offer:1",
    });
    expect(mail!.body).toMatch(/^龙泉公园夜市 12月2日周三 的 A-03 号摊位空出来了/);
  });

  it("sends no SMS to a user without a proved phone: the e-mail and the inbox message still go", async () => {
    const v = await createApprovedVendor(db);
    await db
      .updateTable("users")
      .set({ phone: null, email: "x@jishi.example" })
      .where("id", "=", v.userId)
      .execute();
    await offer(v.userId);
    expect(await smsOf(v.phone)).toEqual([]);
    expect(await smsOf("x@jishi.example")).toMatchObject([
      { channel: "email", kind: "waitlist_offer" },
    ]);
    const unproved = await createApprovedVendor(db);
    await db
      .updateTable("users")
      .set({ phone_verified_at: null })
      .where("id", "=", unproved.userId)
      .execute();
    await offer(unproved.userId);
    expect(await smsOf(unproved.phone)).toEqual([]);
    const inbox = await db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", v.userId)
      .execute();
    expect(inbox).toHaveLength(1);
  });
});
