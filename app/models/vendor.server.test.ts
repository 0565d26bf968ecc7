import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { decideVendor } from "./vendor-review.server";
import {
  getVendorById,
  registerVendor,
  resubmitApplication,
  updateVendorProfile,
} from "./vendor.server";
import { listNotifications } from "./notification.server";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const base = {
  passwordHash: "scrypt$1$1$1$x$y",
  displayName: "测试摊位",
  legalName: "测试人",
  homeCommunity: "福馨社区",
  categorySlug: "crafts",
  products: "手工",
  rulesVersion: "2026-11",
};

async function officeId() {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "office")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function newVendor(phone: string) {
  const result = await registerVendor(db, { ...base, phone, email: null }, now);
  if (!result.ok) throw new Error("registration failed");
  return result;
}

describe("registerVendor", () => {
  it("creates a pending application with a welcome in the inbox", async () => {
    const { vendorId, userId } = await newVendor("13700000001");
    const vendor = await getVendorById(db, vendorId);
    expect(vendor?.status).toBe("pending");
    expect(vendor?.display_name).toBe("测试摊位");
    expect((await listNotifications(db, userId)).map((n) => n.message_key)).toEqual([
      "inbox.welcome",
    ]);
  });

  it("refuses a phone or e-mail that is taken, and saves nothing", async () => {
    const users = async () => (await db.selectFrom("users").select("id").execute()).length;
    const before = await users();
    expect(await registerVendor(db, { ...base, phone: "13800000001", email: null }, now)).toEqual({
      ok: false,
      code: "phoneTaken",
    });
    expect(
      await registerVendor(db, { ...base, phone: null, email: "vendor.wang@jishi.example" }, now),
    ).toEqual({
      ok: false,
      code: "emailTaken",
    });
    expect(await users()).toBe(before);
  });
});

describe("decideVendor", () => {
  it("writes the status, the audit row and the inbox message together", async () => {
    const { vendorId, userId } = await newVendor("13700000002");
    const actor = await officeId();
    expect(
      await decideVendor(
        db,
        {
          vendorId,
          actorUserId: actor,
          decision: "requestChanges",
          reason: "健康证照片看不清",
          until: null,
        },
        now,
      ),
    ).toEqual({ ok: true });
    const vendor = await getVendorById(db, vendorId);
    expect(vendor?.status).toBe("changes_requested");
    expect(vendor?.status_reason).toBe("健康证照片看不清");
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", "vendor")
      .where("entity_id", "=", vendorId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: actor, action: "vendor.requestChanges" });
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ status: "pending" });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ status: "changes_requested" });
    const inbox = await listNotifications(db, userId);
    expect(inbox[0]).toMatchObject({
      message_key: "inbox.changesRequested",
      params: { reason: "健康证照片看不清" },
    });
  });

  it("runs the ask-for-changes loop: resubmit, then approve", async () => {
    const { vendorId, userId } = await newVendor("13700000003");
    const actor = await officeId();
    await decideVendor(
      db,
      {
        vendorId,
        actorUserId: actor,
        decision: "requestChanges",
        reason: "补充身份证",
        until: null,
      },
      now,
    );
    expect(await resubmitApplication(db, { vendorId, userId }, now)).toBe(true);
    expect((await getVendorById(db, vendorId))?.status).toBe("pending");
    expect(
      await decideVendor(
        db,
        {
          vendorId,
          actorUserId: actor,
          decision: "approve",
          reason: null,
          until: null,
        },
        now,
      ),
    ).toEqual({ ok: true });
    const vendor = await getVendorById(db, vendorId);
    expect(vendor?.status).toBe("approved");
    expect(vendor?.status_reason).toBeNull();
  });

  it("refuses a decision the state does not allow, and changes nothing", async () => {
    const { vendorId } = await newVendor("13700000004");
    const actor = await officeId();
    expect(
      await decideVendor(
        db,
        {
          vendorId,
          actorUserId: actor,
          decision: "lift",
          reason: null,
          until: null,
        },
        now,
      ),
    ).toEqual({
      ok: false,
      code: "notAllowed",
    });
    expect(
      await decideVendor(
        db,
        {
          vendorId: 999_999,
          actorUserId: actor,
          decision: "approve",
          reason: null,
          until: null,
        },
        now,
      ),
    ).toEqual({
      ok: false,
      code: "notFound",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("id")
      .where("entity_id", "=", vendorId)
      .execute();
    expect(audit).toEqual([]);
  });

  it("lets only one of two simultaneous decisions win", async () => {
    const { vendorId } = await newVendor("13700000005");
    const actor = await officeId();
    const results = await Promise.all([
      decideVendor(
        db,
        {
          vendorId,
          actorUserId: actor,
          decision: "approve",
          reason: null,
          until: null,
        },
        now,
      ),
      decideVendor(
        db,
        {
          vendorId,
          actorUserId: actor,
          decision: "reject",
          reason: "重复申请",
          until: null,
        },
        now,
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("suspends until a date and lifts the suspension", async () => {
    const { vendorId } = await newVendor("13700000006");
    const actor = await officeId();
    await decideVendor(
      db,
      {
        vendorId,
        actorUserId: actor,
        decision: "approve",
        reason: null,
        until: null,
      },
      now,
    );
    await decideVendor(
      db,
      {
        vendorId,
        actorUserId: actor,
        decision: "suspend",
        reason: "占用消防通道",
        until: "2026-12-31",
      },
      now,
    );
    expect(await getVendorById(db, vendorId)).toMatchObject({
      status: "suspended",
      suspended_until: "2026-12-31",
    });
    await decideVendor(
      db,
      {
        vendorId,
        actorUserId: actor,
        decision: "lift",
        reason: null,
        until: null,
      },
      now,
    );
    expect(await getVendorById(db, vendorId)).toMatchObject({
      status: "approved",
      suspended_until: null,
    });
  });
});

describe("updateVendorProfile", () => {
  it("sends an approved vendor back to review when the category changes, not for the products", async () => {
    const { vendorId, userId } = await newVendor("13700000007");
    const actor = await officeId();
    await decideVendor(
      db,
      {
        vendorId,
        actorUserId: actor,
        decision: "approve",
        reason: null,
        until: null,
      },
      now,
    );
    const profile = {
      displayName: "新名字",
      legalName: base.legalName,
      homeCommunity: "",
      categorySlug: "crafts",
      products: "剪纸",
    };
    expect(await updateVendorProfile(db, { vendorId, userId }, profile, now)).toEqual({
      backToReview: false,
    });
    expect((await getVendorById(db, vendorId))?.status).toBe("approved");
    expect(
      await updateVendorProfile(
        db,
        { vendorId, userId },
        { ...profile, categorySlug: "cooked_food" },
        now,
      ),
    ).toEqual({ backToReview: true });
    expect((await getVendorById(db, vendorId))?.status).toBe("pending");
  });

  it("cannot touch another user's vendor", async () => {
    const { vendorId } = await newVendor("13700000008");
    const other = await newVendor("13700000009");
    const profile = {
      displayName: "x",
      legalName: "x",
      homeCommunity: "",
      categorySlug: "crafts",
      products: "x",
    };
    await expect(
      updateVendorProfile(db, { vendorId, userId: other.userId }, profile, now),
    ).rejects.toThrow();
    expect((await getVendorById(db, vendorId))?.display_name).toBe("测试摊位");
  });
});

describe("suspending a vendor", () => {
  it("signs them out everywhere", async () => {
    const { createApprovedVendor } = await import("#db/testing/factories");
    const { createSession, getSessionUser } = await import("./session.server");
    const { decideVendor } = await import("./vendor-review.server");
    const vendor = await createApprovedVendor(db);
    const session = await createSession(db, { userId: vendor.userId, userAgent: "test", now });
    const office = await db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "office")
      .executeTakeFirstOrThrow();
    await decideVendor(
      db,
      {
        vendorId: vendor.vendorId,
        actorUserId: office.id,
        decision: "suspend",
        reason: "占用消防通道",
        until: "2026-12-31",
      },
      now,
    );
    expect(await getSessionUser(db, session.id, now)).toBeUndefined();
  });
});
