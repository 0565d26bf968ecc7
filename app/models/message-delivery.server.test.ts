// The outbox sent through each provider's API, to the local stand-in that checks signatures the
// providers' way: accepted, throttled and tried again, refused for good, timed out, held by a
// sender that died, and claimed by one sender only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovedVendor } from "#db/testing/factories";
import { LOCAL_KEYS, startSmsProvider } from "../../e2e/sms-provider";
import { parseTemplateCodes, templateCode } from "~/domain/sms-templates";
import { db } from "~/utils/db.server";
import { aliyunProvider, tencentProvider, type SmsProvider } from "~/utils/sms-providers.server";
import { deliverDueMessages, type Channels } from "./message-delivery.server";
import {
  CLAIM_MS,
  MAX_ATTEMPTS,
  deliveriesByTopic,
  enqueueSms,
  resendFailed,
} from "./outbox.server";

let provider: Awaited<ReturnType<typeof startSmsProvider>>;
beforeAll(async () => {
  provider = await startSmsProvider();
});
afterAll(() => provider.close());

const { codes } = parseTemplateCodes(
  "verify_code=SMS_100,verify_code.en=SMS_101,session_closed=SMS_102,waitlist_offer=SMS_103",
);
const aliyun = (timeoutMs = 2000) =>
  aliyunProvider({
    ...LOCAL_KEYS.aliyun,
    signName: "集市",
    endpoint: `${provider.url}/aliyun`,
    timeoutMs,
  });
const tencent = (timeoutMs = 2000) =>
  tencentProvider({
    ...LOCAL_KEYS.tencent,
    signName: "集市",
    region: "ap-guangzhou",
    endpoint: `${provider.url}/tencent`,
    timeoutMs,
  });
const channels = (sms: SmsProvider): Channels => ({
  sms,
  templateCode: (kind, locale) => templateCode(codes, kind, locale),
  mail: null,
});

const T0 = new Date("2026-11-29T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
let phoneSerial = 0;
const phone = () => `139${String(20_000_000 + ++phoneSerial).padStart(8, "0")}`;

async function queue(
  kind: "verify_code" | "session_closed",
  now = T0,
  locale: "zh-CN" | "en" = "zh-CN",
) {
  const to = phone();
  const params: Record<string, string | number> =
    kind === "verify_code"
      ? { code: "482913", minutes: 5 }
      : { market: "龙泉公园夜市", date: "2026-12-02", stall: "A-03", reason: "大风" };
  const id = (await enqueueSms(db, { phone: to, kind, params, locale }, now))!;
  return { id, phone: to };
}

const rowOf = (id: number) =>
  db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** Sends what is due, leaving rows other tests queued at other times alone. */
const deliver = (sms: SmsProvider, now: Date) => deliverDueMessages(db, channels(sms), () => now);

describe("sending through Alibaba Cloud and Tencent Cloud", () => {
  it("sends a template with its parameters, signed as each provider checks it", async () => {
    provider.state.answer = "ok";
    const a = await queue("session_closed");
    await deliver(aliyun(), T0);
    const b = await queue("verify_code", T0, "en");
    await deliver(tencent(), T0);

    expect(provider.refusedSignatures).toEqual([]);
    const viaAliyun = provider.received.find((r) => r.reference === String(a.id))!;
    expect(viaAliyun).toMatchObject({
      provider: "aliyun",
      phone: a.phone,
      templateCode: "SMS_102",
      signName: "集市",
      params: { market: "龙泉公园夜市", date: "2026-12-02", stall: "A-03", reason: "大风" },
    });
    const viaTencent = provider.received.find((r) => r.reference === String(b.id))!;
    // The English template, its parameters in the template's order.
    expect(viaTencent).toMatchObject({
      provider: "tencent",
      phone: b.phone,
      templateCode: "SMS_101",
      params: { "1": "482913", "2": "5" },
    });
    expect(await rowOf(a.id)).toMatchObject({
      status: "sent",
      provider: "aliyun",
      attempts: 1,
      provider_status: "OK",
    });
    expect((await rowOf(a.id)).provider_message_id).toMatch(/^biz-/);
    expect((await rowOf(b.id)).provider_message_id).toMatch(/^serial-/);
  });

  it("is refused by the stand-in when signed with another key", async () => {
    const { id } = await queue("session_closed");
    const wrong = aliyunProvider({
      ...LOCAL_KEYS.aliyun,
      accessKeySecret: "not-the-secret",
      signName: "集市",
      endpoint: `${provider.url}/aliyun`,
      timeoutMs: 2000,
    });
    expect(await deliver(wrong, T0)).toMatchObject({ failed: 1 });
    expect(await rowOf(id)).toMatchObject({
      status: "failed",
      provider_status: "SignatureDoesNotMatch",
    });
    provider.refusedSignatures.length = 0;
  });

  for (const [name, make] of [
    ["Alibaba Cloud", aliyun],
    ["Tencent Cloud", tencent],
  ] as const) {
    it(`${name}: a throttled message waits and goes through on a later try`, async () => {
      const { id } = await queue("session_closed");
      provider.answerNext("throttle");
      expect(await deliver(make(), T0)).toMatchObject({ retry: 1 });
      const waiting = await rowOf(id);
      expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
      expect(waiting.last_error).toMatch(/LIMIT|LimitExceeded/);
      expect(waiting.next_attempt_at).toBe(at(30_000).toISOString());
      // Not before its time …
      expect((await deliver(make(), at(10_000))).sent).toBe(0);
      // … and then sent.
      await deliver(make(), at(30_000));
      expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2 });
    });

    it(`${name}: a template the provider refuses fails at once, with the provider's code`, async () => {
      const { id } = await queue("session_closed");
      provider.answerNext("badTemplate");
      expect(await deliver(make(), T0)).toMatchObject({ failed: 1 });
      const row = await rowOf(id);
      expect(row.status).toBe("failed");
      expect(row.provider_status).toMatch(/TEMPLATE|Template/);
    });
  }

  it("gives up on a provider that does not answer, and tries again later", async () => {
    const { id } = await queue("session_closed");
    provider.answerNext("hang");
    const started = performance.now();
    expect(await deliver(aliyun(300), T0)).toMatchObject({ retry: 1 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await rowOf(id)).toMatchObject({ status: "queued", provider_status: "Timeout" });
  });

  it(`stops after ${MAX_ATTEMPTS} tries, and never tries a code after its five minutes`, async () => {
    const closed = await queue("session_closed");
    const code = await queue("verify_code");
    provider.state.answer = "throttle";
    let now = T0;
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      await deliver(aliyun(), now);
      now = at((i + 1) * 20 * 60_000);
    }
    provider.state.answer = "ok";
    expect(await rowOf(closed.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    // 20 minutes later the code is no longer worth sending.
    expect(await rowOf(code.id)).toMatchObject({ status: "failed", attempts: 2 });
  });
});

describe("the queue", () => {
  it("takes up a message whose sender died holding it, once its hold has run out", async () => {
    const { id } = await queue("session_closed");
    // A sender claimed it and died: the row says sending, held for CLAIM_MS.
    await db
      .updateTable("outbox")
      .set({ status: "sending", claimed_until: at(CLAIM_MS).toISOString(), attempts: 1 })
      .where("id", "=", id)
      .execute();
    expect((await deliver(aliyun(), at(CLAIM_MS - 1000))).sent).toBe(0);
    await deliver(aliyun(), at(CLAIM_MS));
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("gives each message to one sender, however many run at once", async () => {
    const base = provider.received.length;
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push((await queue("session_closed", at(-1000))).id);
    const counts = await Promise.all(
      Array.from({ length: 4 }, () =>
        deliverDueMessages(db, channels(aliyun()), () => T0, { concurrency: 3 }),
      ),
    );
    expect(counts.reduce((n, c) => n + c.sent, 0)).toBe(40);
    const references = provider.received.slice(base).map((r) => Number(r.reference));
    expect(new Set(references).size).toBe(references.length);
    for (const id of ids) expect(references).toContain(id);
  });

  it("queues a message with a dedupe key once", async () => {
    const { userId } = await createApprovedVendor(db);
    const message = {
      userId,
      phone: phone(),
      kind: "session_closed" as const,
      params: { market: "m", date: "d", stall: "s", reason: "r" },
      locale: "zh-CN" as const,
      dedupeKey: `closure:1:${userId}`,
    };
    expect(await enqueueSms(db, message, T0)).not.toBeNull();
    expect(await enqueueSms(db, message, T0)).toBeNull();
    const rows = await db
      .selectFrom("outbox")
      .select("id")
      .where("dedupe_key", "=", message.dedupeKey)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("holds a message that can wait through the market's quiet hours", async () => {
    const night = new Date("2026-11-29T14:00:00Z"); // 22:00 in Huguan
    const id = (await enqueueSms(
      db,
      {
        phone: phone(),
        kind: "stall_moved",
        params: { market: "m", date: "d", from: "A-01", to: "A-02" },
        locale: "zh-CN",
        timeZone: "Asia/Shanghai",
      },
      night,
    ))!;
    expect((await rowOf(id)).next_attempt_at).toBe("2026-11-29T23:00:00.000Z");
  });
});

describe("who was told, for the manager", () => {
  it("lists a topic's SMS by person, and sends a failed one again only for its own topics", async () => {
    const { userId } = await createApprovedVendor(db);
    const ok = (await enqueueSms(
      db,
      {
        userId,
        phone: phone(),
        kind: "session_closed",
        params: { market: "m", date: "d", stall: "s", reason: "r" },
        locale: "zh-CN",
        topic: "announcement:77",
      },
      at(-2000),
    ))!;
    const bad = (await enqueueSms(
      db,
      {
        userId,
        phone: phone(),
        kind: "session_closed",
        params: { market: "m", date: "d", stall: "s", reason: "r" },
        locale: "zh-CN",
        topic: "announcement:77",
      },
      at(-2000),
    ))!;
    provider.state.answer = "ok";
    await deliverDueMessages(db, channels(aliyun()), () => at(-1000), { concurrency: 1 });
    await db
      .updateTable("outbox")
      .set({ status: "failed", provider_status: "isv.MOBILE_NUMBER_ILLEGAL" })
      .where("id", "=", bad)
      .execute();

    const list = (await deliveriesByTopic(db, ["announcement:77"])).get("announcement:77")!;
    expect(list.map((d) => [d.id, d.status, d.error])).toEqual([
      [ok, "sent", null],
      [bad, "failed", "isv.MOBILE_NUMBER_ILLEGAL"],
    ]);
    expect(list[0]!.phone).toMatch(/^139\*{4}\d{4}$/);

    expect(await resendFailed(db, bad, ["announcement:78"], T0)).toBe(false);
    expect(await resendFailed(db, ok, ["announcement:77"], T0)).toBe(false);
    expect(await resendFailed(db, bad, ["announcement:77"], T0)).toBe(true);
    expect(await rowOf(bad)).toMatchObject({ status: "queued", attempts: 0 });
  });
});
