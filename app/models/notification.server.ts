// A user's inbox. Messages are stored as keys and parameters, and read in the reader's language.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import type { MessageKey } from "~/locales/zh-CN";

export interface NotificationInput {
  userId: number;
  kind: string;
  messageKey: MessageKey;
  params?: Record<string, string | number>;
  link?: string | null;
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
