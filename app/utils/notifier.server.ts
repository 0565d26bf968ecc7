// Messages that leave the app (e-mail, SMS). Every message is written to the outbox table and
// the server log; with SMTP_URL set, e-mail is also sent through SMTP and marked sent. SMS has
// no provider yet: the outbox is its implementation, and a provider adapter would read it.
import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "#db/schema";
import { getEnv } from "./env.server";

export interface OutgoingMessage {
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
}

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
    const now = new Date().toISOString();
    const { id } = await db
      .insertInto("outbox")
      .values({ ...message, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
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
      await db
        .updateTable("outbox")
        .set({ sent_at: new Date().toISOString() })
        .where("id", "=", id)
        .execute();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`[outbox ${id}] SMTP failed: ${reason}`);
      await db
        .updateTable("outbox")
        .set({ last_error: reason.slice(0, 500) })
        .where("id", "=", id)
        .execute();
    }
  },
};
