// The append-only audit log. Call it with the same transaction as the change it records.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export interface AuditInput {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: number | null;
  zoneId?: number | null;
  before?: unknown;
  after?: unknown;
  now?: Date;
}

export async function writeAudit(trx: Kysely<Database>, entry: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at: (entry.now ?? new Date()).toISOString(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      zone_id: entry.zoneId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export async function listAuditFor(db: Kysely<Database>, entityType: string, entityId: number) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.before",
      "audit_log.after",
      "users.display_name as actor_name",
    ])
    .where("audit_log.entity_type", "=", entityType)
    .where("audit_log.entity_id", "=", entityId)
    .orderBy("audit_log.id", "desc")
    .execute();
}
