// The sync route answers what a phone sends: JSON results, and a 400 with its message's key for
// anything it cannot read, with nothing recorded.
import { describe, expect, it } from "vitest";
import { requestAs, testContext } from "#db/testing/requests";
import { action } from "./manage.zones.$slug_.day_.sync";

const MANAGER = "manager.longquan@jishi.example";
const post = async (body: string) => {
  const response = await action({
    request: await requestAs(MANAGER, "/manage/zones/fuxin-community/day/sync", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
    }),
    params: { slug: "fuxin-community" },
    context: testContext,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("the market day's sync", () => {
  it("answers each action, and refuses what it cannot read without a 500", async () => {
    const ok = await post(
      JSON.stringify({
        actions: [
          {
            key: "unknown-booking-1",
            kind: "checkIn",
            bookingId: 999999,
            recordedAt: new Date().toISOString(),
          },
        ],
      }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.results).toEqual([
      { key: "unknown-booking-1", outcome: "refused", code: "notFound" },
    ]);
    const tooMany = JSON.stringify({
      actions: Array.from({ length: 501 }, (_, n) => ({
        key: `too-many-${String(n).padStart(4, "0")}`,
        kind: "checkIn",
        bookingId: 1,
        recordedAt: new Date().toISOString(),
      })),
    });
    for (const body of [
      "not json",
      "null",
      JSON.stringify({ actions: [{ kind: "checkIn" }] }),
      JSON.stringify({
        actions: [{ key: "short", kind: "checkIn", bookingId: 1, recordedAt: "x" }],
      }),
      JSON.stringify({
        actions: [{ key: "evil-key-0001", kind: "delete", bookingId: 1, recordedAt: "x" }],
      }),
      tooMany,
    ]) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe("sync.error.bad");
    }
  });
});
