// Password change, reset by link, and manager accounts opened by the office.
import { describe, expect, it } from "vitest";
import { requestAs, settle, testContext } from "#db/testing/requests";
import { DEMO_PASSWORDS } from "#db/demo/people";
import { getSessionUser } from "~/models/session.server";
import { authenticate } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import { action as changePassword } from "./account.password";
import { action as forgot } from "./forgot-password";
import { action as resetAction, loader as resetLoader } from "./reset-password.$token";
import { action as staffAction, loader as staffLoader } from "./manage.staff";

// The demo is seeded relative to the clock: the tests ask at the same moment, whatever the date.
const now = new Date();

const post = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return { method: "POST", body };
};

async function lastLinkTo(recipient: string) {
  const row = await db
    .selectFrom("outbox")
    .select(["body", "channel"])
    .where("recipient", "=", recipient)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/reset-password\/([\w-]+)/.exec(row.body)?.[1];
  return { token: token!, channel: row.channel, body: row.body };
}

describe("forgotten password", () => {
  it("sends a one-time link that sets a new password and logs out everywhere", async () => {
    const email = "manager.longquan@jishi.example";
    const oldSession = await requestAs(email, "/");
    const oldId = await sessionCookie.parse(oldSession.headers.get("Cookie"));

    const answer = (await forgot({
      request: new Request("http://localhost/forgot-password", post({ identifier: email })),
      params: {},
      context: testContext,
    })) as { sent: boolean };
    expect(answer.sent).toBe(true);
    const { token, channel, body } = await lastLinkTo(email);
    expect(channel).toBe("email");
    expect(body).toContain("重设");
    expect(body).toMatch(/Open this link/);

    const page = (await resetLoader({
      request: new Request("http://localhost/"),
      params: { token },
      context: testContext,
    })) as { valid: boolean };
    expect(page.valid).toBe(true);

    const mismatch = (await resetAction({
      request: new Request(
        "http://localhost/",
        post({ password: "Shuita-Evening-9", confirm: "other" }),
      ),
      params: { token },
      context: testContext,
    })) as unknown as { init: { status: number } };
    expect(mismatch.init.status).toBe(400);

    const done = (await resetAction({
      request: new Request(
        "http://localhost/",
        post({ password: "Shuita-Evening-9", confirm: "Shuita-Evening-9" }),
      ),
      params: { token },
      context: testContext,
    })) as Response;
    expect(done.headers.get("Location")).toBe("/login?passwordReset=1");
    expect(await authenticate(email, "Shuita-Evening-9")).not.toBeNull();
    expect(await authenticate(email, DEMO_PASSWORDS.manager)).toBeNull();
    expect(await getSessionUser(db, oldId, now)).toBeUndefined();

    // Used once, the link is dead.
    const again = (await resetAction({
      request: new Request(
        "http://localhost/",
        post({ password: "Another-Pass-77", confirm: "Another-Pass-77" }),
      ),
      params: { token },
      context: testContext,
    })) as unknown as { init: { status: number }; data: { errors: { form: string } } };
    expect(again.init.status).toBe(400);
    expect(again.data.errors.form).toBe("reset.error.invalidLink");
  });

  it("answers the same for an unknown account, and sends nothing", async () => {
    const before = (await db.selectFrom("outbox").select("id").execute()).length;
    const byEmail = (await forgot({
      request: new Request(
        "http://localhost/forgot-password",
        post({ identifier: "nobody@jishi.example" }),
      ),
      params: {},
      context: testContext,
    })) as { sent: boolean };
    expect(byEmail.sent).toBe(true);
    // A phone is sent on to the code page, account or not.
    const byPhone = (await forgot({
      request: new Request("http://localhost/forgot-password", post({ identifier: "13311112222" })),
      params: {},
      context: testContext,
    })) as Response;
    expect(byPhone.status).toBe(302);
    expect(byPhone.headers.get("Location")).toBe("/reset-password/phone?phone=13311112222");
    expect((await db.selectFrom("outbox").select("id").execute()).length).toBe(before);
  });

  it("sends a code by SMS to a vendor who signs in by phone, and the same code page", async () => {
    const answer = (await forgot({
      request: new Request(
        "http://localhost/forgot-password",
        post({ identifier: "138 0000 0002" }),
      ),
      params: {},
      context: testContext,
    })) as Response;
    expect(answer.headers.get("Location")).toBe("/reset-password/phone?phone=13800000002");
    const sms = await db
      .selectFrom("outbox")
      .select(["kind", "channel", "body"])
      .where("recipient", "=", "13800000002")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ kind: "reset_code", channel: "sms" });
    expect(sms.body).toMatch(/验证码 \d{6}/);
  });
});

describe("changing the password", () => {
  it("needs the current password, and logs out the other sessions", async () => {
    const email = "manager.parks@jishi.example";
    const other = await requestAs(email, "/");
    const otherId = await sessionCookie.parse(other.headers.get("Cookie"));
    const wrong = (await settle(async () =>
      changePassword({
        request: await requestAs(
          email,
          "/account/password",
          post({ current: "nope", password: "Taihang-Night-8", confirm: "Taihang-Night-8" }),
        ),
        params: {},
        context: testContext,
      }),
    )) as { init: { status: number }; data: { errors: Record<string, string> } };
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.errors.current).toBe("account.error.currentWrong");

    const me = await requestAs(
      email,
      "/account/password",
      post({
        current: DEMO_PASSWORDS.manager,
        password: "Taihang-Night-8",
        confirm: "Taihang-Night-8",
      }),
    );
    const myId = await sessionCookie.parse(me.headers.get("Cookie"));
    const ok = (await changePassword({ request: me, params: {}, context: testContext })) as {
      saved: boolean;
    };
    expect(ok.saved).toBe(true);
    expect(await getSessionUser(db, myId, now)).toBeDefined();
    expect(await getSessionUser(db, otherId, now)).toBeUndefined();
    expect(await authenticate(email, "Taihang-Night-8")).not.toBeNull();
  });
});

describe("manager accounts", () => {
  it("are opened only by the office", async () => {
    const asManager = await settle(async () =>
      staffLoader({
        request: await requestAs("manager.parks@jishi.example", "/manage/staff"),
        params: {},
        context: testContext,
      }),
    );
    expect((asManager as Response).status).toBe(403);
    const asVendor = await settle(async () =>
      staffAction({
        request: await requestAs(
          "vendor.wang@jishi.example",
          "/manage/staff",
          post({ intent: "create", displayName: "x", email: "x@jishi.example" }),
        ),
        params: {},
        context: testContext,
      }),
    );
    expect((asVendor as Response).status).toBe(403);
  });

  it("scope a new manager to their zones, audit it, and invite them to set a password", async () => {
    const zones = await db.selectFrom("zones").select(["id", "slug"]).orderBy("id").execute();
    const jidian = zones.find((z) => z.slug === "jidian-rural-produce")!;
    const response = (await staffAction({
      request: await requestAs(
        "office@jishi.example",
        "/manage/staff",
        post({
          intent: "create",
          displayName: "郭小兵",
          phone: "",
          email: "guo.xiaobing@jishi.example",
          zone: [String(jidian.id)],
        }),
      ),
      params: {},
      context: testContext,
    })) as Response;
    expect(response.headers.get("Location")).toBe("/manage/staff?saved=created");
    const manager = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "guo.xiaobing@jishi.example")
      .executeTakeFirstOrThrow();
    expect(manager.role).toBe("manager");
    const assigned = await db
      .selectFrom("zone_managers")
      .select("zone_id")
      .where("user_id", "=", manager.id)
      .execute();
    expect(assigned.map((z) => z.zone_id)).toEqual([jidian.id]);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_type", "=", "user")
      .where("entity_id", "=", manager.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.manager_created"]);
    // No password works until they set one through the invitation.
    expect(await authenticate("guo.xiaobing@jishi.example", "")).toBeNull();
    const { token } = await lastLinkTo("guo.xiaobing@jishi.example");
    await resetAction({
      request: new Request(
        "http://localhost/",
        post({ password: "Jidian-Market-3", confirm: "Jidian-Market-3" }),
      ),
      params: { token },
      context: testContext,
    });
    expect((await authenticate("guo.xiaobing@jishi.example", "Jidian-Market-3"))?.role).toBe(
      "manager",
    );
  });

  it("refuses an unknown zone without saving anything", async () => {
    const before = (await db.selectFrom("users").select("id").execute()).length;
    const answer = (await staffAction({
      request: await requestAs(
        "office@jishi.example",
        "/manage/staff",
        post({
          intent: "create",
          displayName: "某人",
          email: "someone@jishi.example",
          zone: ["99999"],
        }),
      ),
      params: {},
      context: testContext,
    })) as unknown as { init: { status: number } };
    expect(answer.init.status).toBe(400);
    expect((await db.selectFrom("users").select("id").execute()).length).toBe(before);
  });
});
