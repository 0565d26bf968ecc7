// The office sees when sign-up codes near the day's cap (SMS_CODES_PER_DAY, 1,000 by default).
import { describe, expect, it } from "vitest";
import { requestAs, testContext } from "#db/testing/requests";
import { ALL_CODES_KEY } from "~/models/phone-code.server";
import { db } from "~/utils/db.server";
import { loader } from "./manage._index";

const open = async (who: string) =>
  (await loader({
    request: await requestAs(who, "/manage"),
    params: {},
    context: testContext,
  })) as { smsCodes: { sent: number; cap: number } | null };

describe("the office's warning about SMS codes", () => {
  it("appears at 80 % of the day's cap, for the office only", async () => {
    expect((await open("office@jishi.example")).smsCodes).toBeNull();
    const at = new Date().toISOString();
    await db
      .insertInto("rate_limit_hits")
      .values(Array.from({ length: 800 }, () => ({ key: ALL_CODES_KEY, at })))
      .execute();
    expect((await open("office@jishi.example")).smsCodes).toEqual({ sent: 800, cap: 1000 });
    expect((await open("manager.longquan@jishi.example")).smsCodes).toBeNull();
  });
});
