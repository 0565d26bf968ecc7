// Service counters: consent before acting, acts audited as the clerk's for the vendor, and the
// vendor's own way to stop it.
import { describe, expect, it } from "vitest";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { bookStall, newIdempotencyKey } from "./booking.server";
import {
  actingVendorOf,
  addConsent,
  checkConsentCode,
  COUNTER_NO_PASSWORD,
  startActing,
  withdrawConsent,
} from "./counter.server";
import { createSession } from "./session.server";
import { sendPhoneCode } from "./phone-code.server";
import { registerVendor } from "./vendor.server";

const NOW = new Date("2026-11-28T00:00:00Z");

async function clerk() {
  const user = await db
    .selectFrom("users")
    .select(["id", "phone"])
    .where("email", "=", "counter.jidian@jishi.example")
    .executeTakeFirstOrThrow();
  const { id: sessionId } = await createSession(db, { userId: user.id, userAgent: null, now: NOW });
  return { ...user, sessionId };
}

const auditOf = (vendorId: number) =>
  db
    .selectFrom("audit_log")
    .select(["action", "actor_user_id"])
    .where("for_vendor_id", "=", vendorId)
    .orderBy("id")
    .execute();

describe("a service counter", () => {
  it("registers a vendor whose code proves the number, and acts for them once consented", async () => {
    const { id: clerkId, phone: clerkPhone, sessionId } = await clerk();
    const phone = "13512340001";
    // The code goes to the vendor's phone from the clerk's account…
    await sendPhoneCode(
      db,
      {
        userId: clerkId,
        phone,
        purpose: "consent",
        locale: "zh-CN",
        clientIp: "192.0.2.1",
        dailyCap: 100,
        limits: false,
      },
      NOW,
    );
    const sms = await db
      .selectFrom("outbox")
      .select("body")
      .where("recipient", "=", phone)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const code = /\d{6}/.exec(sms.body)![0];
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await checkConsentCode(db, { phone, code: wrong, clerkUserId: clerkId }, NOW)).ok).toBe(
      false,
    );
    expect((await checkConsentCode(db, { phone, code, clerkUserId: clerkId }, NOW)).ok).toBe(true);
    // …and proving it changes nothing on the clerk's own account.
    const clerkNow = await db
      .selectFrom("users")
      .select("phone")
      .where("id", "=", clerkId)
      .executeTakeFirstOrThrow();
    expect(clerkNow.phone).toBe(clerkPhone);

    const registered = await registerVendor(
      db,
      {
        phone,
        email: null,
        passwordHash: COUNTER_NO_PASSWORD,
        displayName: "申家老米",
        legalName: "申福贵",
        homeCommunity: "西河村",
        categorySlug: "fresh_produce",
        products: "小米",
        rulesVersion: "1",
        counter: { clerkUserId: clerkId, method: "sms_code", storedName: null, contentType: null },
      },
      NOW,
    );
    if (!registered.ok) throw new Error(registered.code);
    const user = await db
      .selectFrom("users")
      .select(["phone_verified_at", "password_hash"])
      .where("id", "=", registered.userId)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({
      phone_verified_at: NOW.toISOString(),
      password_hash: COUNTER_NO_PASSWORD,
    });
    expect(
      await startActing(
        db,
        { sessionId, clerkUserId: clerkId, vendorId: registered.vendorId },
        NOW,
      ),
    ).toEqual({ ok: true });
    expect(await actingVendorOf(db, sessionId)).toBe(registered.vendorId);
    expect((await auditOf(registered.vendorId)).map((a) => [a.action, a.actor_user_id])).toEqual([
      ["vendor.registered_at_counter", clerkId],
      ["counter.acting_started", clerkId],
    ]);
  });

  it("acts only with consent, and not after the vendor stops it", async () => {
    const { id: clerkId, sessionId } = await clerk();
    const vendor = await createApprovedVendor(db);
    expect(
      await startActing(db, { sessionId, clerkUserId: clerkId, vendorId: vendor.vendorId }, NOW),
    ).toEqual({ ok: false, code: "noConsent" });
    await addConsent(
      db,
      {
        vendorId: vendor.vendorId,
        clerkUserId: clerkId,
        method: "signed_form",
        storedName: "scan.png",
        contentType: "image/png",
      },
      NOW,
    );
    expect(
      (await startActing(db, { sessionId, clerkUserId: clerkId, vendorId: vendor.vendorId }, NOW))
        .ok,
    ).toBe(true);
    await withdrawConsent(db, { vendorId: vendor.vendorId, userId: vendor.userId }, NOW);
    expect(await actingVendorOf(db, sessionId)).toBeNull();
    expect(
      (await startActing(db, { sessionId, clerkUserId: clerkId, vendorId: vendor.vendorId }, NOW))
        .ok,
    ).toBe(false);
  });

  it("books through the same rules, audited as the clerk's for the vendor; a vendor's own booking is not", async () => {
    const { id: clerkId } = await clerk();
    const stalls = await stallsTaking(db, "fuxin-community", "fresh_produce");
    const morning = await templateKey(db, "fuxin-community", "morning");
    const helped = await createApprovedVendor(db);
    const own = await createApprovedVendor(db);
    const book = (vendorId: number, stallId: number, clerkUserId?: number) =>
      bookStall(
        db,
        {
          vendorId,
          stallId,
          localDate: "2026-12-03",
          sessionKey: morning,
          idempotencyKey: newIdempotencyKey(),
          clerkUserId,
        },
        NOW,
      );
    expect((await book(helped.vendorId, stalls[10]!.id, clerkId)).ok).toBe(true);
    expect((await book(own.vendorId, stalls[11]!.id)).ok).toBe(true);
    // The same refusal as on the web: one stall per vendor per session.
    const again = await book(helped.vendorId, stalls[12]!.id, clerkId);
    expect(!again.ok && again.code).toBe("alreadyBooked");
    expect((await auditOf(helped.vendorId)).map((a) => [a.action, a.actor_user_id])).toEqual([
      ["booking.created", clerkId],
    ]);
    expect(await auditOf(own.vendorId)).toEqual([]);
  });
});
