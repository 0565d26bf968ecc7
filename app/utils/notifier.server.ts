// Messages that leave the app (SMS, e-mail) go through the outbox (app/models/outbox.server.ts):
// written there first, sent by the delivery job of whichever instance claims them. This wires
// the job to the configured channels: the SMS provider of SMS_PROVIDER with its template codes,
// and SMTP when SMTP_URL is set (e-mail is otherwise only logged). docs/decisions/018-sms.md
import type { Kysely } from "kysely";
import type { Transporter } from "nodemailer";
import type { Database } from "#db/schema";
import { parseTemplateCodes, templateCode } from "~/domain/sms-templates";
import { deliverDueMessages, type Channels } from "~/models/message-delivery.server";
import { addToOutbox, type OutgoingMessage } from "~/models/outbox.server";
import { getEnv } from "./env.server";
import {
  aliyunProvider,
  logProvider,
  tencentProvider,
  type SmsProvider,
} from "./sms-providers.server";

export type { OutgoingMessage };

const ENDPOINTS = {
  aliyun: "https://dysmsapi.aliyuncs.com/",
  tencent: "https://sms.tencentcloudapi.com/",
};

function smsProvider(): SmsProvider {
  const env = getEnv();
  const common = {
    signName: env.SMS_SIGN_NAME,
    timeoutMs: env.SMS_TIMEOUT_MS,
  };
  switch (env.SMS_PROVIDER) {
    case "aliyun":
      return aliyunProvider({
        ...common,
        accessKeyId: env.ALIYUN_ACCESS_KEY_ID!,
        accessKeySecret: env.ALIYUN_ACCESS_KEY_SECRET!,
        endpoint: env.SMS_ENDPOINT ?? ENDPOINTS.aliyun,
      });
    case "tencent":
      return tencentProvider({
        ...common,
        secretId: env.TENCENT_SECRET_ID!,
        secretKey: env.TENCENT_SECRET_KEY!,
        sdkAppId: env.TENCENT_SMS_SDK_APP_ID!,
        region: env.TENCENT_SMS_REGION,
        endpoint: env.SMS_ENDPOINT ?? ENDPOINTS.tencent,
      });
    default:
      return logProvider;
  }
}

let transporter: Promise<Transporter> | undefined;
/** The SMTP connection, made with the first e-mail: nodemailer is loaded only when one is sent. */
function smtp(url: string): Promise<Transporter> {
  // The same bound on a send as for SMS: a claim's hold must outlast it.
  const timeout = getEnv().SMS_TIMEOUT_MS;
  transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
    nodemailer.createTransport({
      url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    }),
  );
  return transporter;
}

let channels: Channels | undefined;
/** The channels as configured, built once. */
export function configuredChannels(): Channels {
  if (!channels) {
    const { codes } = parseTemplateCodes(getEnv().SMS_TEMPLATE_CODES);
    const smtpUrl = getEnv().SMTP_URL;
    channels = {
      sms: smsProvider(),
      templateCode: (kind, locale) => templateCode(codes, kind, locale),
      mail: smtpUrl
        ? async (row) => {
            const mailer = await smtp(smtpUrl);
            await mailer.sendMail({
              from: getEnv().MAIL_FROM,
              to: row.recipient,
              subject: row.subject,
              text: row.body,
            });
          }
        : null,
    };
  }
  return channels;
}

let running: Promise<void> | null = null;
let again = false;

/**
 * Sends what is due now, in this process; a call while a run is going on makes it run once
 * more at its end rather than start a second one.
 */
export function deliverMessages(db: Kysely<Database>): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const count = await deliverDueMessages(db, configuredChannels(), () => new Date(), {
          holdMs: getEnv().SMS_TIMEOUT_MS + 5_000,
        });
        if (count.retry + count.failed > 0)
          console.warn(
            `outbox: ${count.sent} sent, ${count.retry} to try again, ${count.failed} failed`,
          );
      } while (again);
    } catch (error) {
      console.error("outbox:", error);
    } finally {
      running = null;
    }
  })();
  return running;
}

export const notifier = {
  /** Queues a message as it is (an e-mail, a link by SMS) and starts sending it. */
  async send(db: Kysely<Database>, message: OutgoingMessage): Promise<void> {
    const id = await addToOutbox(db, message, new Date());
    console.log(`[outbox ${id}] ${message.channel} to ${message.recipient}: ${message.subject}`);
    void deliverMessages(db);
  },
};
