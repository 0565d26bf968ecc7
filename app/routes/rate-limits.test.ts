import { describe, expect, it } from "vitest";
import { DEMO_PASSWORDS } from "#db/demo/people";
import { createApprovedVendor, freeStallsTaking, templateKey } from "#db/testing/factories";
import { cookieForUser, settle, testContext } from "#db/testing/requests";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { db } from "~/utils/db.server";
import { translate } from "~/utils/i18n";
import { action as bookAction } from "./book.$slug";
import { action } from "./login";

async function attempt(identifier: string, password: string, clientIp: string) {
  const body = new URLSearchParams({ identifier, password });
  const request = new Request("http://localhost/login", { method: "POST", body });
  return action({ request, params: {}, context: { clientIp } });
}

type Answer = {
  init: { status: number; headers?: Record<string, string> };
  data: { errors: Record<string, string> };
};

describe("failed logins", () => {
  it("give 429 with Retry-After on the 11th in a minute from one address", async () => {
    for (let i = 0; i < 10; i++) {
      const answer = (await attempt(
        `nobody${i}@jishi.example`,
        "wrong-password",
        "198.51.100.1",
      )) as unknown as Answer;
      expect(answer.init.status).toBe(400);
    }
    const eleventh = (await attempt(
      "other@jishi.example",
      "wrong-password",
      "198.51.100.1",
    )) as unknown as Answer;
    expect(eleventh.init.status).toBe(429);
    expect(eleventh.data.errors.form).toBe("error.tooManyAttempts");
    expect(Number(eleventh.init.headers?.["Retry-After"])).toBeGreaterThan(0);
    // Even the right password waits: the limit is checked before the password.
    const right = (await attempt(
      "office@jishi.example",
      DEMO_PASSWORDS.office,
      "198.51.100.1",
    )) as unknown as Answer;
    expect(right.init.status).toBe(429);
  });

  it("give 429 on the 11th at one account, from any addresses", async () => {
    for (let i = 0; i < 10; i++) {
      await attempt("manager.parks@jishi.example", "wrong-password", `203.0.113.${i}`);
    }
    const eleventh = (await attempt(
      "MANAGER.PARKS@jishi.example",
      "wrong-password",
      "203.0.113.99",
    )) as unknown as Answer;
    expect(eleventh.init.status).toBe(429);
    // Another account from a fresh address is not affected.
    const other = (await attempt(
      "office@jishi.example",
      DEMO_PASSWORDS.office,
      "203.0.113.100",
    )) as Response;
    expect(other.status).toBe(302);
  });
});

describe("booking tries", () => {
  // Two fresh-produce vendors who log in by phone.
  const [vendorA, vendorB] = ["13800000002", "13800000007"];

  async function tryBooking(phone: string, body: Record<string, string>) {
    const { id } = await db
      .selectFrom("users")
      .select("id")
      .where("phone", "=", phone)
      .executeTakeFirstOrThrow();
    const request = new Request("http://localhost/book/fuxin-community", {
      method: "POST",
      headers: { Cookie: await cookieForUser(id) },
      body: new URLSearchParams(body),
    });
    return settle(() =>
      bookAction({ request, params: { slug: "fuxin-community" }, context: testContext }),
    );
  }

  it("give 429 with Retry-After and a translated refusal on the 31st in a minute", async () => {
    for (let i = 0; i < 30; i++) {
      const answer = (await tryBooking(vendorA, {
        stallId: "x",
      })) as unknown as Answer;
      expect(answer.init.status).toBe(400);
    }
    const next = (await tryBooking(vendorA, {
      stallId: "x",
    })) as unknown as Answer & { data: { refusal: { code: string; params: { seconds: number } } } };
    expect(next.init.status).toBe(429);
    expect(Number(next.init.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect(next.data.refusal.code).toBe("tooManyAttempts");
    expect(translate("zh-CN", "book.refusal.tooManyAttempts", next.data.refusal.params)).toMatch(
      /请等 \d+ 秒再试/,
    );
    // Joining a waiting list is a try too.
    const waitlist = (await tryBooking(vendorA, {
      intent: "waitlist",
    })) as unknown as Answer;
    expect(waitlist.init.status).toBe(429);
    // Another vendor books as usual.
    const other = (await tryBooking(vendorB, {
      stallId: "x",
    })) as unknown as Answer;
    expect(other.init.status).toBe(400);
  });

  it("count tries that reach the booking too, booked and refused, once each", async () => {
    const { userId, vendorId } = await createApprovedVendor(db);
    const cookie = await cookieForUser(userId);
    const localDate = addDays(localMoment(new Date(), "Asia/Shanghai").date, 2);
    const sessionKey = await templateKey(db, "fuxin-community", "morning");
    const [stall] = await freeStallsTaking(db, "fuxin-community", "fresh_produce", {
      localDate,
      sessionKey,
    });
    const form = { stallId: String(stall!.id), localDate, sessionKey };
    const book = (key: string) =>
      settle(() =>
        bookAction({
          request: new Request("http://localhost/book/fuxin-community", {
            method: "POST",
            headers: { Cookie: cookie },
            body: new URLSearchParams({ ...form, key }),
          }),
          params: { slug: "fuxin-community" },
          context: testContext,
        }),
      );
    const hits = async () =>
      (
        await db
          .selectFrom("rate_limit_hits")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("key", "=", `book-vendor:${vendorId}`)
          .executeTakeFirstOrThrow()
      ).n;
    expect(((await book("rate-try-0")) as Response).status).toBe(302);
    expect(Number(await hits())).toBe(1);
    // The same stall again: refused (a stall of theirs already), each try counted.
    for (let i = 1; i < 30; i++) {
      const answer = (await book(`rate-try-${i}`)) as unknown as Answer;
      expect(answer.init.status).toBe(409);
    }
    expect(Number(await hits())).toBe(30);
    const next = (await book("rate-try-30")) as unknown as Answer;
    expect(next.init.status).toBe(429);
  });
});
