// What Jishi says by SMS. In mainland China an SMS may only go out through a template the
// provider has approved, under an approved sign name (签名): each kind of message is one template
// with named parameters, in Chinese and in English. These texts are what an office submits for
// approval (docs/sms-templates.md is made from them); the approved template codes are then set in
// SMS_TEMPLATE_CODES. Parameters are named (Alibaba Cloud) and ordered (Tencent Cloud: {1}, {2}…).

export const SMS_KINDS = [
  "verify_code",
  "reset_code",
  "waitlist_offer",
  "session_closed",
  "booking_cancelled",
  "stall_moved",
  "papers_decision",
  "announcement",
  "day_before",
  "paper_expiring",
] as const;

export type SmsKind = (typeof SMS_KINDS)[number];
export type SmsLocale = "zh-CN" | "en";

export interface SmsTemplate {
  /** Parameter names, in the order Tencent Cloud numbers them. */
  params: readonly string[];
  zh: string;
  en: string;
  /** Sent at once even in quiet hours (21:00–07:00 in the market's time zone). */
  urgent: boolean;
  /** What it is for, in the words an approval form asks for (使用场景). */
  purpose: string;
}

export const SMS_TEMPLATES: Record<SmsKind, SmsTemplate> = {
  verify_code: {
    params: ["code", "minutes"],
    zh: "您的集市验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。",
    en: "Your Jishi code is ${code}, valid for ${minutes} minutes. Do not share it.",
    urgent: true,
    purpose: "注册和更换手机号时验证本人手机号 / verifying a phone number at sign-up",
  },
  reset_code: {
    params: ["code", "minutes"],
    zh: "您正在重设集市密码，验证码 ${code}，${minutes} 分钟内有效。如非本人操作请忽略。",
    en: "Your Jishi password reset code is ${code}, valid for ${minutes} minutes. Not you? Ignore this.",
    urgent: true,
    purpose: "忘记密码时凭手机验证码重设 / resetting a forgotten password",
  },
  waitlist_offer: {
    params: ["market", "date", "stall", "until", "link"],
    zh: "${market} ${date} 的 ${stall} 号摊位空出来了，为您保留到 ${until}，点 ${link} 确认。",
    en: "Stall ${stall} at ${market} on ${date} is free and held for you until ${until}. Take it: ${link}",
    urgent: true,
    purpose: "候补摊位空出时通知摊主 / a waiting-list stall offered to a vendor",
  },
  session_closed: {
    params: ["market", "date", "stall", "reason"],
    zh: "${market} ${date} 休市（${reason}），您在 ${stall} 号摊位的预约已取消，不算违约。",
    en: "${market} is closed on ${date} (${reason}). Your booking of stall ${stall} is cancelled, with no penalty.",
    urgent: true,
    purpose: "市场休市时通知已预约的摊主 / a market session closed",
  },
  booking_cancelled: {
    params: ["market", "date", "stall"],
    zh: "${market} ${date} ${stall} 号摊位的预约已被市场取消，不算违约。详情请登录集市查看。",
    en: "${market} cancelled your booking of stall ${stall} on ${date}, with no penalty. Sign in to Jishi for details.",
    urgent: true,
    purpose: "市场取消摊主预约 / a booking cancelled by the market",
  },
  stall_moved: {
    params: ["market", "date", "from", "to"],
    zh: "${market} 调整了摊位布局：您 ${date} 的摊位由 ${from} 号换到 ${to} 号。",
    en: "${market} changed its layout: your stall on ${date} moves from ${from} to ${to}.",
    urgent: false,
    purpose: "布局调整后摊位变动 / a vendor's stall moved by a new layout",
  },
  papers_decision: {
    params: ["decision"],
    zh: "您在集市提交的摊主资料审核结果：${decision}。请登录集市查看详情。",
    en: "Your Jishi vendor papers: ${decision}. Sign in to Jishi for details.",
    urgent: false,
    purpose: "摊主资料审核结果 / the decision on a vendor's papers",
  },
  announcement: {
    params: ["market", "title"],
    zh: "${market} 公告：${title}。详情请登录集市查看。",
    en: "${market} notice: ${title}. Sign in to Jishi for details.",
    urgent: false,
    purpose: "市场管理员发布的公告 / a market's announcement to its vendors",
  },
  day_before: {
    params: ["market", "date", "time", "stall"],
    zh: "提醒：您预约了 ${market} ${date} ${time} 的 ${stall} 号摊位，到场后找管理员签到。去不了请提前取消。",
    en: "Reminder: stall ${stall} at ${market}, ${date} ${time}. Check in with the manager when you arrive; cancel in time if you cannot come.",
    urgent: false,
    purpose: "开市前一天提醒已预约的摊主（摊主可关闭） / the day-before reminder of a booking",
  },
  paper_expiring: {
    params: ["paper", "date", "days"],
    zh: "您在集市登记的${paper}将于 ${date} 到期（还有 ${days} 天），请及时更新，以免影响预约。",
    en: "Your ${paper} registered with Jishi expires on ${date} (in ${days} days). Please upload the new one so your bookings are not affected.",
    urgent: false,
    purpose: "摊主证件到期前 30 天和 7 天提醒 / a vendor's paper about to expire",
  },
};

/** The text a template gives with these parameters (what the phone shows, less the sign name). */
export function renderSms(
  kind: SmsKind,
  locale: SmsLocale,
  params: Record<string, string>,
): string {
  const template = SMS_TEMPLATES[kind];
  return (locale === "en" ? template.en : template.zh).replace(
    /\$\{(\w+)\}/g,
    (_, name: string) => params[name] ?? "",
  );
}

/** Providers cap each parameter (Alibaba Cloud: 35 characters); longer values are cut. */
export const SMS_PARAM_MAX = 35;

export function smsParams(kind: SmsKind, params: Record<string, string | number>) {
  return Object.fromEntries(
    SMS_TEMPLATES[kind].params.map((name) => {
      const value = String(params[name] ?? "");
      return [name, value.length > SMS_PARAM_MAX ? `${value.slice(0, SMS_PARAM_MAX - 1)}…` : value];
    }),
  );
}

/**
 * `SMS_TEMPLATE_CODES`: `kind=code` pairs, comma-separated; `kind.en=code` for the English
 * template. A kind without an English code is sent with the Chinese one.
 */
export function parseTemplateCodes(value: string): {
  codes: Partial<Record<`${SmsKind}` | `${SmsKind}.en`, string>>;
  problems: string[];
} {
  const codes: Record<string, string> = {};
  const problems: string[] = [];
  for (const pair of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = "", code = ""] = pair.split("=").map((p) => p.trim());
    const kind = name.replace(/\.en$/, "");
    if (!(SMS_KINDS as readonly string[]).includes(kind) || !code) problems.push(pair);
    else codes[name] = code;
  }
  return { codes, problems };
}

/** The template code to send `kind` in `locale` with, or null when none is configured. */
export function templateCode(
  codes: Partial<Record<string, string>>,
  kind: SmsKind,
  locale: SmsLocale,
): string | null {
  return (locale === "en" ? codes[`${kind}.en`] : undefined) ?? codes[kind] ?? null;
}
