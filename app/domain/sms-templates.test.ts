// The template texts an office submits for approval live in docs/sms-templates.md, made from
// SMS_TEMPLATES: this fails when the two differ (UPDATE_DOCS=1 writes the file anew).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseTemplateCodes,
  renderSms,
  smsParams,
  SMS_KINDS,
  SMS_TEMPLATES,
  templateCode,
} from "./sms-templates";

const DOC = new URL("../../docs/sms-templates.md", import.meta.url);

function templatesDocument(): string {
  const tencent = (text: string, params: readonly string[]) =>
    text.replace(/\$\{(\w+)\}/g, (_, name: string) => `{${params.indexOf(name) + 1}}`);
  const lines = [
    "# SMS templates (短信模板)",
    "",
    "Made from `app/domain/sms-templates.ts` (a test keeps them the same). Submit each text for",
    "approval under your sign name (签名) with the provider, then set the codes you are given in",
    "`SMS_TEMPLATE_CODES` (README, Configuration): `verify_code=SMS_123,verify_code.en=SMS_124,…`.",
    "A kind without an English code is sent with the Chinese template.",
    "",
    "Alibaba Cloud names parameters (`${code}`); Tencent Cloud numbers them (`{1}`), in the order",
    "listed. Each parameter is at most 35 characters (longer values are cut with …): `link` is",
    "APP_URL followed by `/o/<number>`, so keep APP_URL to about 25 characters.",
    "",
  ];
  for (const kind of SMS_KINDS) {
    const t = SMS_TEMPLATES[kind];
    lines.push(
      `## \`${kind}\``,
      "",
      `- Purpose (使用场景): ${t.purpose}`,
      `- Parameters, in order: ${t.params.map((p) => `\`${p}\``).join(", ")}`,
      `- ${t.urgent ? "Sent at once, at any hour" : "Held through quiet hours (21:00–07:00 in the market's time zone)"}`,
      "",
      "| | Alibaba Cloud | Tencent Cloud |",
      "| --- | --- | --- |",
      `| 中文 | ${t.zh} | ${tencent(t.zh, t.params)} |`,
      `| English | ${t.en} | ${tencent(t.en, t.params)} |`,
      "",
    );
  }
  return lines.join("\n");
}

describe("SMS templates", () => {
  it("are written out in docs/sms-templates.md as they are in the code", () => {
    if (process.env.UPDATE_DOCS) fs.writeFileSync(DOC, templatesDocument());
    expect(fs.readFileSync(DOC, "utf8")).toBe(templatesDocument());
  });

  it("name every parameter their texts use, in both languages", () => {
    for (const kind of SMS_KINDS) {
      const t = SMS_TEMPLATES[kind];
      for (const text of [t.zh, t.en]) {
        const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
        expect(new Set(used), kind).toEqual(new Set(t.params));
      }
    }
  });

  it("are filled in, long values cut to what providers take", () => {
    const params = smsParams("session_closed", {
      market: "龙泉公园夜市",
      date: "12月2日周三",
      stall: "A-03",
      reason: "暴雨".repeat(30),
      extra: "ignored",
    });
    expect(params.reason).toHaveLength(35);
    expect(params.reason!.endsWith("…")).toBe(true);
    expect(Object.keys(params)).toEqual(["market", "date", "stall", "reason"]);
    expect(
      renderSms("waitlist_offer", "en", {
        market: "Longquan",
        date: "Wed 2 Dec",
        stall: "A-03",
        until: "20:30",
        link: "https://jishi.example/o/7",
      }),
    ).toBe(
      "Stall A-03 at Longquan on Wed 2 Dec is free and held for you until 20:30. Take it: https://jishi.example/o/7",
    );
  });

  it("read their codes from SMS_TEMPLATE_CODES, the English one when there is one", () => {
    const { codes, problems } = parseTemplateCodes(
      " verify_code = SMS_1 , verify_code.en=SMS_2, session_closed=SMS_3, nonsense=SMS_4, reset_code=",
    );
    expect(problems).toEqual(["nonsense=SMS_4", "reset_code="]);
    expect(templateCode(codes, "verify_code", "en")).toBe("SMS_2");
    expect(templateCode(codes, "session_closed", "en")).toBe("SMS_3");
    expect(templateCode(codes, "announcement", "zh-CN")).toBeNull();
  });
});
