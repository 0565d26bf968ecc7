// Sends what the outbox holds: claims due messages a batch at a time and hands each to its
// channel (an SMS provider, the mailer), a few at once, then writes down what came back.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { SMS_KINDS, type SmsKind, type SmsLocale, SMS_TEMPLATES } from "~/domain/sms-templates";
import type { SmsProvider, SmsResult } from "~/utils/sms-providers.server";
import { CLAIM_MS, claimDueMessages, markNotSent, markSent, type OutboxRow } from "./outbox.server";

export interface Channels {
  sms: SmsProvider;
  /** The template code of a kind in a language; null when none is configured. */
  templateCode: (kind: SmsKind, locale: SmsLocale) => string | null;
  /** Sends an e-mail; null when e-mail is only logged (no SMTP_URL). */
  mail: ((row: OutboxRow) => Promise<void>) | null;
}

export interface DeliveryCount {
  sent: number;
  retry: number;
  failed: number;
}

async function sendOne(
  row: OutboxRow,
  channels: Channels,
): Promise<SmsResult & { provider: string }> {
  if (row.channel === "email") {
    if (!channels.mail) {
      console.log(`[outbox ${row.id}] e-mail to ${row.recipient}: ${row.subject}\n${row.body}`);
      return { ok: true, messageId: "", status: "logged", provider: "log" };
    }
    try {
      await channels.mail(row);
      return { ok: true, messageId: "", status: "accepted", provider: "smtp" };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, retry: true, code: "SMTP", message, provider: "smtp" };
    }
  }
  const provider = channels.sms.name;
  // The log provider's message is this line (and the outbox row): what the phone would show.
  if (provider === "log") console.log(`[outbox ${row.id}] SMS to ${row.recipient}: ${row.body}`);
  const kind = SMS_KINDS.find((k) => k === row.kind);
  // A message written before templates (a link to set a password) can only be logged.
  if (!kind) {
    if (provider === "log") return { ok: true, messageId: "", status: "logged", provider };
    return { ok: false, retry: false, code: "NoTemplate", message: "free text", provider };
  }
  const locale: SmsLocale = row.locale === "en" ? "en" : "zh-CN";
  const templateCode = channels.templateCode(kind, locale) ?? (provider === "log" ? kind : null);
  if (!templateCode)
    return { ok: false, retry: false, code: "NoTemplate", message: kind, provider };
  const params = JSON.parse(row.params ?? "{}") as Record<string, string>;
  const result = await channels.sms.send({
    phone: row.recipient,
    templateCode,
    params: SMS_TEMPLATES[kind].params.map((name) => [name, params[name] ?? ""]),
    locale,
    reference: String(row.id),
  });
  return { ...result, provider };
}

/**
 * Sends every message due at `now()`, `concurrency` at once, until none is left. Only as many
 * are claimed as are sent at once, so a claim's hold (`holdMs`) need only outlast one send: the
 * provider's timeout, and a little. What each try came to, counted.
 */
export async function deliverDueMessages(
  db: Kysely<Database>,
  channels: Channels,
  now: () => Date,
  { concurrency = 16, holdMs = CLAIM_MS }: { concurrency?: number; holdMs?: number } = {},
): Promise<DeliveryCount> {
  const count: DeliveryCount = { sent: 0, retry: 0, failed: 0 };
  for (;;) {
    const rows = await claimDueMessages(db, now(), concurrency, holdMs);
    await Promise.all(
      rows.map(async (row) => {
        const result = await sendOne(row, channels);
        if (result.ok) {
          await markSent(db, row, result, now());
          count.sent += 1;
        } else {
          count[await markNotSent(db, row, result, now())] += 1;
        }
      }),
    );
    if (rows.length < concurrency) return count;
  }
}
