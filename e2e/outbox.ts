// What the app sent, read from the outbox: with the log provider (the default) the outbox is
// the phone and the mailbox.
import { createDb } from "../db/connect";
import { E2E_DATABASE_URL } from "./settings";

/** The code in the newest verification or reset SMS to `phone`. */
export async function codeSentTo(phone: string): Promise<string> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const row = await db
      .selectFrom("outbox")
      .select("body")
      .where("recipient", "=", phone)
      .where("kind", "in", ["verify_code", "reset_code"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    return /\d{6}/.exec(row.body)![0];
  } finally {
    await db.destroy();
  }
}

/** The SMS sent to a phone, newest first. */
export async function smsTo(phone: string) {
  const db = createDb(E2E_DATABASE_URL);
  try {
    return await db
      .selectFrom("outbox")
      .select(["body", "status", "kind"])
      .where("recipient", "=", phone)
      .where("channel", "=", "sms")
      .orderBy("id", "desc")
      .execute();
  } finally {
    await db.destroy();
  }
}
