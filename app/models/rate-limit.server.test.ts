import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { recentHits, recordHit, retryAfterSeconds } from "./rate-limit.server";

const limit = { max: 3, windowMs: 60_000 };
const at = (s: number) => new Date(Date.parse("2031-03-01T08:00:00.000Z") + s * 1000);

async function rowsOf(key: string) {
  const rows = await db.selectFrom("rate_limit_hits").select("at").where("key", "=", key).execute();
  return rows.map((r) => r.at).sort();
}

/** `db` as another instance that counts the statements it sends. */
function counting() {
  let sent = 0;
  const counted = db.withPlugin({
    transformQuery: (args) => ((sent += 1), args.node),
    transformResult: async (args) => args.result,
  });
  return { counted, sent: () => sent };
}

describe("rate-limit hits", () => {
  it("count the window's hits, clear older ones when there are some, in one statement otherwise", async () => {
    const key = "test:window";
    for (const s of [0, 10, 70, 80]) await recordHit(db, key, at(s));
    const { counted, sent } = counting();
    // At 100 s the window starts at 40 s: the hits at 70 and 80 count, the two before are cleared.
    expect(await recentHits(counted, key, limit, at(100))).toEqual({
      count: 2,
      oldest: at(70).toISOString(),
    });
    expect(sent()).toBe(2);
    expect(await rowsOf(key)).toEqual([at(70).toISOString(), at(80).toISOString()]);
    // Nothing old left: one statement.
    expect(await recentHits(counted, key, limit, at(101))).toEqual({
      count: 2,
      oldest: at(70).toISOString(),
    });
    expect(sent()).toBe(3);
    // A key with no hits at all.
    expect(await recentHits(counted, "test:none", limit, at(101))).toEqual({
      count: 0,
      oldest: null,
    });
    expect(sent()).toBe(4);
  });

  it("make a key wait until its oldest hit in the window leaves it", async () => {
    const key = "test:wait";
    for (const s of [0, 20, 30]) await recordHit(db, key, at(s));
    expect(await retryAfterSeconds(db, [key], limit, at(40))).toBe(20);
    expect(await retryAfterSeconds(db, [key], limit, at(61))).toBe(0);
    // Two keys: the longer wait of the two.
    await recordHit(db, "test:other", at(50));
    await recordHit(db, "test:other", at(55));
    await recordHit(db, "test:other", at(58));
    expect(await retryAfterSeconds(db, ["test:other", key], limit, at(59))).toBe(51);
  });
});
