// Every message that leaves the app, kept: what was sent to whom, when, and why it failed.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export interface OutgoingMessage {
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
}

export async function addToOutbox(
  db: Kysely<Database>,
  message: OutgoingMessage,
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto("outbox")
    .values({ ...message, created_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function markOutboxSent(db: Kysely<Database>, id: number, now: Date) {
  await db.updateTable("outbox").set({ sent_at: now.toISOString() }).where("id", "=", id).execute();
}

export async function markOutboxFailed(db: Kysely<Database>, id: number, reason: string) {
  await db
    .updateTable("outbox")
    .set({ last_error: reason.slice(0, 500) })
    .where("id", "=", id)
    .execute();
}
