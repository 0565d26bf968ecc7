// Messages that leave the app (e-mail, SMS). Every message is written to the outbox table and
// the server log; with SMTP_URL set, e-mail is also sent through SMTP and marked sent. SMS has
// no provider yet: the outbox is its implementation, and a provider adapter would read it.
import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "#db/schema";
import {
  addToOutbox,
  markOutboxFailed,
  markOutboxSent,
  type OutgoingMessage,
} from "~/models/outbox.server";
import { getEnv } from "./env.server";

export type { OutgoingMessage };

export interface Notifier {
  send(db: Kysely<Database>, message: OutgoingMessage): Promise<void>;
}

let transporter: Transporter | null | undefined;
function smtp(): Transporter | null {
  if (transporter === undefined) {
    const url = getEnv().SMTP_URL;
    transporter = url ? nodemailer.createTransport(url) : null;
  }
  return transporter;
}

export const notifier: Notifier = {
  async send(db, message) {
    const id = await addToOutbox(db, message, new Date());
    console.log(`[outbox ${id}] ${message.channel} to ${message.recipient}: ${message.subject}`);
    const mailer = message.channel === "email" ? smtp() : null;
    if (!mailer) return;
    try {
      await mailer.sendMail({
        from: getEnv().MAIL_FROM,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
      });
      await markOutboxSent(db, id, new Date());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`[outbox ${id}] SMTP failed: ${reason}`);
      await markOutboxFailed(db, id, reason);
    }
  },
};
