// Codes sent by SMS against a real, freshly migrated database: the limits per number, address
// and day; five minutes and five tries; only the newest code; what a right code proves.
import { describe, expect, it } from "vitest";
import { createApprovedVendor } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { resetPasswordWithCode } from "./password-reset.server";
import {
  CODE_TRIES,
  checkPhoneCode,
  codesSentToday,
  hasLiveCode,
  sendPhoneCode,
} from "./phone-code.server";
import { registerVendor } from "./vendor.server";

const T0 = new Date("2026-11-29T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
let ip = 0;

async function vendorWithPhone() {
  const v = await createApprovedVendor(db);
  return {
    ...v,
    send: (now = T0, more: { clientIp?: string; dailyCap?: number } = {}) => send(v, now, more),
  };
}

function send(
  v: { userId: number; phone: string },
  now: Date,
  { clientIp = `10.0.0.${++ip}`, dailyCap = 1000 }: { clientIp?: string; dailyCap?: number } = {},
) {
  return sendPhoneCode(
    db,
    {
      userId: v.userId,
      phone: v.phone,
      purpose: "verify",
      locale: "zh-CN",
      clientIp,
      dailyCap,
      limits: true,
    },
    now,
  );
}

/** The code the newest SMS to `phone` carries. */
async function lastCode(phone: string) {
  const row = await db
    .selectFrom("outbox")
    .select(["body", "kind"])
    .where("recipient", "=", phone)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return /\d{6}/.exec(row.body)![0];
}

const check = (phone: string, code: string, now = T0, purpose: "verify" | "reset" = "verify") =>
  checkPhoneCode(db, { phone, purpose, code }, now);

describe("sending codes", () => {
  it("queues an SMS with a six-digit code, in the person's language", async () => {
    const v = await vendorWithPhone();
    expect(await v.send()).toEqual({ ok: true });
    const row = await db
      .selectFrom("outbox")
      .selectAll()
      .where("recipient", "=", v.phone)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "verify_code", status: "queued", channel: "sms" });
    expect(row.body).toMatch(/^您的集市验证码是 \d{6}，5 分钟内有效。请勿告诉他人。$/);
  });

  it("sends one a minute, five an hour and ten a day to a number, with the wait to say", async () => {
    const v = await vendorWithPhone();
    expect((await v.send(T0)).ok).toBe(true);
    expect(await v.send(at(20_000))).toEqual({ ok: false, code: "tooSoon", retryAfter: 40 });
    for (let i = 1; i < 5; i++) expect((await v.send(at(i * 61_000))).ok).toBe(true);
    // Five in the hour: the sixth waits for the first to be an hour old.
    const sixth = await v.send(at(5 * 61_000));
    expect(sixth).toMatchObject({ ok: false, code: "tooSoon" });
    expect(sixth.ok ? 0 : sixth.retryAfter).toBe(3600 - 5 * 61);
    let now = at(60 * 60_000);
    for (let i = 5; i < 10; i++) {
      now = at(60 * 60_000 + (i - 5) * 61_000);
      expect((await v.send(now)).ok).toBe(true);
    }
    // Ten in the day: the next one hours later is still refused.
    expect(await v.send(at(3 * 60 * 60_000))).toMatchObject({ ok: false, code: "tooSoon" });
  });

  it("limits one address sending to many numbers", async () => {
    const refused = [];
    for (let i = 0; i < 21; i++) {
      const v = await vendorWithPhone();
      refused.push((await v.send(T0, { clientIp: "192.0.2.77" })).ok);
    }
    expect(refused.filter((ok) => !ok)).toHaveLength(1);
    expect(refused.at(-1)).toBe(false);
  });

  it("stops everyone at the day's cap, which the office sees", async () => {
    const before = await codesSentToday(db, at(-1));
    const cap = before + 2;
    expect((await (await vendorWithPhone()).send(at(-1), { dailyCap: cap })).ok).toBe(true);
    expect((await (await vendorWithPhone()).send(at(-1), { dailyCap: cap })).ok).toBe(true);
    expect(await (await vendorWithPhone()).send(at(-1), { dailyCap: cap })).toMatchObject({
      ok: false,
      code: "dailyCap",
    });
    expect(await codesSentToday(db, at(-1))).toBe(cap);
  });
});

describe("checking codes", () => {
  it("takes the right code once, and marks the number verified", async () => {
    const v = await vendorWithPhone();
    await db
      .updateTable("users")
      .set({ phone_verified_at: null })
      .where("id", "=", v.userId)
      .execute();
    expect(await hasLiveCode(db, v.phone, "verify", T0)).toBe(false);
    await v.send();
    expect(await hasLiveCode(db, v.phone, "verify", T0)).toBe(true);
    const code = await lastCode(v.phone);
    expect(await check(v.phone, code, at(60_000))).toEqual({ ok: true, userId: v.userId });
    expect(await hasLiveCode(db, v.phone, "verify", at(60_000))).toBe(false);
    expect(await check(v.phone, code, at(61_000))).toEqual({ ok: false, code: "noCode" });
    const user = await db
      .selectFrom("users")
      .select("phone_verified_at")
      .where("id", "=", v.userId)
      .executeTakeFirstOrThrow();
    expect(user.phone_verified_at).toBe(at(60_000).toISOString());
  });

  it(`counts wrong tries down from ${CODE_TRIES}, then takes no code at all`, async () => {
    const v = await vendorWithPhone();
    await v.send();
    const code = await lastCode(v.phone);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let left = CODE_TRIES - 1; left > 0; left--)
      expect(await check(v.phone, wrong)).toEqual({
        ok: false,
        code: "wrongCode",
        triesLeft: left,
      });
    expect(await check(v.phone, wrong)).toEqual({ ok: false, code: "noCode" });
    expect(await check(v.phone, code)).toEqual({ ok: false, code: "noCode" });
  });

  it("takes no code after five minutes, and only the newest one", async () => {
    const v = await vendorWithPhone();
    await v.send(T0);
    const old = await lastCode(v.phone);
    expect(await check(v.phone, old, at(5 * 60_000))).toEqual({ ok: false, code: "noCode" });
    await v.send(at(10 * 60_000));
    const fresh = await lastCode(v.phone);
    if (fresh !== old)
      expect(await check(v.phone, old, at(10 * 60_000))).toMatchObject({ ok: false });
    expect((await check(v.phone, fresh, at(10 * 60_000))).ok).toBe(true);
  });

  it("sets a new password with a reset code and ends every session", async () => {
    const v = await vendorWithPhone();
    await db
      .insertInto("sessions")
      .values({
        id: `s-${v.userId}`,
        user_id: v.userId,
        created_at: T0.toISOString(),
        expires_at: at(86_400_000).toISOString(),
        user_agent: null,
      })
      .execute();
    await sendPhoneCode(
      db,
      {
        userId: v.userId,
        phone: v.phone,
        purpose: "reset",
        locale: "en",
        clientIp: "10.1.1.1",
        dailyCap: 1000,
        limits: true,
      },
      T0,
    );
    const row = await db
      .selectFrom("outbox")
      .select(["body", "kind"])
      .where("recipient", "=", v.phone)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe("reset_code");
    expect(row.body).toMatch(/^Your Jishi password reset code is \d{6}/);
    // A verification code is no reset code.
    expect((await check(v.phone, await lastCode(v.phone), T0, "verify")).ok).toBe(false);
    const result = await resetPasswordWithCode(
      db,
      { phone: v.phone, code: await lastCode(v.phone), passwordHash: "new-hash" },
      at(1000),
    );
    expect(result).toEqual({ ok: true, userId: v.userId });
    const user = await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", v.userId)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBe("new-hash");
    expect(
      await db.selectFrom("sessions").select("id").where("user_id", "=", v.userId).execute(),
    ).toEqual([]);
  });
});

describe("a number typed by someone who never proved it", () => {
  it("does not keep its owner from signing up; a proved number does", async () => {
    const input = (phone: string) => ({
      phone,
      email: null,
      passwordHash: "x",
      displayName: "试",
      legalName: "试",
      homeCommunity: "",
      categorySlug: "fresh_produce",
      products: "菜",
      rulesVersion: "1",
    });
    const phone = "13912345678";
    const squatter = await registerVendor(db, input(phone), T0);
    expect(squatter.ok).toBe(true);
    const owner = await registerVendor(db, input(phone), at(60_000));
    expect(owner.ok).toBe(true);
    const holders = await db.selectFrom("users").select("id").where("phone", "=", phone).execute();
    expect(holders.map((h) => h.id)).toEqual([owner.ok ? owner.userId : -1]);
    await db
      .updateTable("users")
      .set({ phone_verified_at: T0.toISOString() })
      .where("phone", "=", phone)
      .execute();
    expect(await registerVendor(db, input(phone), at(120_000))).toEqual({
      ok: false,
      code: "phoneTaken",
    });
  });
});
