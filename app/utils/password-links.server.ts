// Sends a one-time link to set a password, by e-mail when the person has one, else by SMS.
// Written in both languages: we do not know which one the reader prefers.
import { createPasswordToken } from "~/models/password-reset.server";
import { db } from "./db.server";
import { appUrl } from "./env.server";
import { translate } from "./i18n";
import { notifier } from "./notifier.server";

export async function sendPasswordLink(
  user: { id: number; email: string | null; phone: string | null },
  purpose: "reset" | "invitation",
  lifetimeMs: number,
) {
  const now = new Date();
  const token = await createPasswordToken(db, user.id, lifetimeMs, now);
  const link = `${appUrl()}/reset-password/${token}`;
  const hours = Math.round(lifetimeMs / 3_600_000);
  const key = purpose === "reset" ? "mail.reset" : "mail.invitation";
  const body = (["zh-CN", "en"] as const)
    .map((locale) => translate(locale, `${key}.body`, { link, hours }))
    .join("\n\n");
  const subject = `${translate("zh-CN", `${key}.subject`)} / ${translate("en", `${key}.subject`)}`;
  await notifier.send(db, {
    channel: user.email ? "email" : "sms",
    recipient: user.email ?? user.phone ?? "",
    subject,
    body,
  });
}
