// Every message that leaves the app, as a durable queue (docs/decisions/018-sms.md). A message is
// written in the same transaction as what it tells of, so it is never lost; a sender claims a
// batch in the database (one statement; SKIP LOCKED on PostgreSQL), so each is sent by one
// instance; a claim that runs out (the instance died mid-send) is taken up again. Refusals that
// may pass (throttled, timed out) are tried again later, up to MAX_ATTEMPTS; the rest fail.
import { sql, type Kysely, type Selectable } from "kysely";
import { isPostgres } from "#db/portable";
import type { Database, OutboxTable } from "#db/schema";
import {
  renderSms,
  smsParams,
  SMS_TEMPLATES,
  type SmsKind,
  type SmsLocale,
} from "~/domain/sms-templates";
import { maskPhone } from "~/domain/phone";
import { quietHoursEnd } from "~/domain/quiet-hours";
import { translate } from "~/utils/i18n";

export type OutboxRow = Selectable<OutboxTable>;

export interface OutgoingMessage {
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
}

export const MAX_ATTEMPTS = 6;
/**
 * How long a sender holds the messages it claimed before another may take them up: longer than
 * one send may take (the server passes its timeout and a margin).
 */
export const CLAIM_MS = 60_000;
/** Codes are worth nothing after their five minutes: not tried again past that. */
const CODE_KINDS: readonly string[] = ["verify_code", "reset_code"];
export const CODE_LIFETIME_MS = 5 * 60_000;

/** 30 s, 1, 2, 4, 8 minutes after the 1st … 5th failed try. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** An e-mail (or an SMS without a template: a link) to send as it is. */
export async function addToOutbox(
  db: Kysely<Database>,
  message: OutgoingMessage,
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto("outbox")
    .values({
      ...message,
      status: "queued",
      created_at: now.toISOString(),
      next_attempt_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** What a message tells of: a manager lists who was told of a closure or an announcement. */
export type MessageSubject = "closure" | "event" | "template" | "offer" | "layout" | "announcement";

/** The outbox's `topic` of a message about one closure, announcement, … (`closure:12`). */
export function topicOf(subject: MessageSubject, id: number): string {
  return `${subject}:${id}`;
}

export interface SmsMessage {
  userId?: number | null;
  /** The proved phone number; none: the message goes by e-mail only, if there is an address. */
  phone: string | null;
  kind: SmsKind;
  params: Record<string, string | number>;
  locale: SmsLocale;
  /** What it is about (`closure:12`): the manager's list of who was told. */
  topic?: string | null;
  /** Sent once ever per key; a second enqueue with the key does nothing. */
  dedupeKey?: string | null;
  /** The market's time zone: a message that can wait is held through its quiet hours. */
  timeZone?: string;
  /** The person's e-mail address: the same words go there too (codes only by SMS). */
  email?: string | null;
}

/**
 * Queues a message of a template kind: an SMS to the phone, the same words by e-mail to the
 * address. The SMS's id (or the e-mail's when there is no phone); null when there was nothing to
 * send or the dedupe key was queued before.
 */
export async function enqueueSms(
  db: Kysely<Database>,
  message: SmsMessage,
  now: Date,
): Promise<number | null> {
  const template = SMS_TEMPLATES[message.kind];
  const params = smsParams(message.kind, message.params);
  const notBefore =
    template.urgent || !message.timeZone ? now : quietHoursEnd(now, message.timeZone);
  const common = {
    body: renderSms(message.kind, message.locale, params),
    created_at: now.toISOString(),
    status: "queued" as const,
    kind: message.kind,
    params: JSON.stringify(params),
    locale: message.locale,
    user_id: message.userId ?? null,
    topic: message.topic ?? null,
    next_attempt_at: notBefore.toISOString(),
  };
  const insert = (values: {
    channel: "sms" | "email";
    recipient: string;
    subject: string;
    dedupe_key: string | null;
  }) =>
    db
      .insertInto("outbox")
      .values({ ...common, ...values })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .executeTakeFirst();
  const sms = message.phone
    ? await insert({
        channel: "sms",
        recipient: message.phone,
        subject: `sms:${message.kind}`,
        dedupe_key: message.dedupeKey ?? null,
      })
    : undefined;
  const email =
    message.email && !CODE_KINDS.includes(message.kind)
      ? await insert({
          channel: "email",
          recipient: message.email,
          subject: translate(message.locale, `mail.subject.${message.kind}`),
          dedupe_key: message.dedupeKey ? `${message.dedupeKey}:email` : null,
        })
      : undefined;
  return sms?.id ?? (message.phone ? null : (email?.id ?? null));
}

/**
 * Takes up to `limit` messages that are due (or whose sender's hold ran out) for this sender:
 * each is marked sending, held until `now + CLAIM_MS`, its try counted.
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  now: Date,
  limit: number,
  holdMs = CLAIM_MS,
): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const due = db
    .selectFrom("outbox")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("next_attempt_at", "<=", at)]),
        eb.and([eb("status", "=", "sending"), eb("claimed_until", "<=", at)]),
      ]),
    )
    .orderBy("id")
    .limit(limit);
  // Read first: the job asks every few seconds, and on SQLite an update takes the write lock
  // even when it changes nothing.
  if (!(await due.executeTakeFirst())) return [];
  return db
    .updateTable("outbox")
    .set({
      status: "sending",
      claimed_until: new Date(now.getTime() + holdMs).toISOString(),
      attempts: sql`attempts + 1`,
    })
    .where("id", "in", isPostgres(db) ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
}

export async function markSent(
  db: Kysely<Database>,
  row: OutboxRow,
  result: { provider: string; messageId: string; status: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: "sent",
      sent_at: now.toISOString(),
      provider: result.provider,
      provider_message_id: result.messageId,
      provider_status: result.status,
      claimed_until: null,
      last_error: null,
    })
    .where("id", "=", row.id)
    // Our own hold only: a row another sender took over (our hold ran out) is theirs now.
    .where("claimed_until", "=", row.claimed_until)
    .execute();
}

/** A try that did not go through: again later when it may pass and tries are left, else failed. */
export async function markNotSent(
  db: Kysely<Database>,
  row: OutboxRow,
  result: { provider: string; retry: boolean; code: string; message: string },
  now: Date,
): Promise<"retry" | "failed"> {
  const expired =
    row.kind !== null &&
    CODE_KINDS.includes(row.kind) &&
    now.getTime() - Date.parse(row.created_at) >= CODE_LIFETIME_MS;
  const again = result.retry && row.attempts < MAX_ATTEMPTS && !expired;
  await db
    .updateTable("outbox")
    .set({
      status: again ? "queued" : "failed",
      next_attempt_at: again
        ? new Date(now.getTime() + backoffMs(row.attempts)).toISOString()
        : null,
      provider: result.provider,
      provider_status: result.code,
      last_error: `${result.code}${result.message ? `: ${result.message}` : ""}`.slice(0, 500),
      claimed_until: null,
    })
    .where("id", "=", row.id)
    .where("claimed_until", "=", row.claimed_until)
    .execute();
  return again ? "retry" : "failed";
}

export interface Delivery {
  id: number;
  name: string;
  /** The number with its middle hidden (138****0001): enough to tell two people apart. */
  phone: string;
  status: OutboxRow["status"];
  /** The provider's code when it is not sent (yet). */
  error: string | null;
}

/** Who was sent an SMS about each topic, and how it went: the manager's list. */
export async function deliveriesByTopic(
  db: Kysely<Database>,
  topics: string[],
): Promise<Map<string, Delivery[]>> {
  const out = new Map<string, Delivery[]>(topics.map((t) => [t, []]));
  if (topics.length === 0) return out;
  const rows = await db
    .selectFrom("outbox")
    .leftJoin("users", "users.id", "outbox.user_id")
    .select([
      "outbox.id",
      "outbox.topic",
      "outbox.recipient",
      "outbox.status",
      "outbox.provider_status",
      "users.display_name",
    ])
    .where("outbox.topic", "in", topics)
    .where("outbox.channel", "=", "sms")
    .orderBy("outbox.id")
    .execute();
  for (const r of rows)
    out.get(r.topic!)!.push({
      id: r.id,
      name: r.display_name ?? "",
      phone: maskPhone(r.recipient),
      status: r.status,
      error: r.status === "sent" ? null : r.provider_status,
    });
  return out;
}

/**
 * Sends a failed message again, as a new first try; only a message about one of `topics` (the
 * manager's own market's). False when there is no such failed message.
 */
export async function resendFailed(
  db: Kysely<Database>,
  id: number,
  topics: string[],
  now: Date,
): Promise<boolean> {
  if (topics.length === 0) return false;
  const result = await db
    .updateTable("outbox")
    .set({
      status: "queued",
      attempts: 0,
      next_attempt_at: now.toISOString(),
      last_error: null,
      provider_status: null,
    })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .where("topic", "in", topics)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Which of `keys` were queued before: a job that asks every minute skips them unwritten. */
export async function queuedKeys(db: Kysely<Database>, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom("outbox")
      .select("dedupe_key")
      .where("dedupe_key", "in", keys.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.dedupe_key!);
  }
  return found;
}
