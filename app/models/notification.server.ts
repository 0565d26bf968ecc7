// A user's inbox. Messages are stored as keys and parameters, and read in the reader's language.
// What must reach a phone is also queued as an SMS, in the same transaction, in the language the
// person reads the site in (docs/decisions/018-sms.md).
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import type { SmsKind } from "~/domain/sms-templates";
import type { MessageKey } from "~/locales/zh-CN";
import { appUrl } from "~/utils/env.server";
import { formatLocalDate, localizedParams } from "~/utils/i18n";
import { enqueueSms } from "./outbox.server";

export interface SmsNotice {
  kind: SmsKind;
  /** The market's time zone: instants are written on its clock; quiet hours are its nights. */
  timeZone: string;
  /** What it is about, for the manager's list of who was told (`closure:12`). */
  topic?: string;
  /** Parameters the SMS template has and the inbox message has not, per language. */
  extra?: (locale: "zh-CN" | "en") => Record<string, string>;
  /** A path on the site the SMS links to (`link`), written out with APP_URL. */
  link?: string;
}

export interface NotificationInput {
  userId: number;
  kind: string;
  messageKey: MessageKey;
  params?: Record<string, string | number>;
  link?: string | null;
  /** Also sent by SMS to the user's phone, when they have one. */
  sms?: SmsNotice;
  now: Date;
}

export async function notify(trx: Kysely<Database>, input: NotificationInput): Promise<void> {
  await trx
    .insertInto("notifications")
    .values({
      user_id: input.userId,
      kind: input.kind,
      message_key: input.messageKey,
      params: JSON.stringify(input.params ?? {}),
      link: input.link ?? null,
      created_at: input.now.toISOString(),
    })
    .execute();
  if (input.sms) await textUser(trx, input.userId, input.sms, input.params ?? {}, input.now);
}

async function textUser(
  trx: Kysely<Database>,
  userId: number,
  sms: SmsNotice,
  params: Record<string, string | number>,
  now: Date,
) {
  const user = await trx
    .selectFrom("users")
    .select(["phone", "phone_verified_at", "locale", "email"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || (!user.phone && !user.email)) return;
  const locale = user.locale ?? "zh-CN";
  const written = localizedParams(params, locale, sms.timeZone);
  if (typeof written.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(written.date))
    written.date = formatLocalDate(locale, written.date);
  await enqueueSms(
    trx,
    {
      userId,
      phone: user.phone_verified_at ? user.phone : null,
      email: user.email,
      kind: sms.kind,
      params: {
        ...written,
        ...sms.extra?.(locale),
        ...(sms.link ? { link: `${appUrl()}${sms.link}` } : {}),
      },
      locale,
      topic: sms.topic ?? null,
      timeZone: sms.timeZone,
    },
    now,
  );
}

export async function listNotifications(db: Kysely<Database>, userId: number, limit = 20) {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "kind", "message_key", "params", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    message_key: row.message_key as MessageKey,
    params: JSON.parse(row.params) as Record<string, string | number>,
  }));
}

export async function markNotificationsRead(db: Kysely<Database>, userId: number, now: Date) {
  await db
    .updateTable("notifications")
    .set({ read_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}
