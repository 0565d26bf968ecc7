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
  /** A counter clerk's act: the vendor it was done for (the clerk is the actor). */
  forVendorId?: number | null;
  now: Date;
}

export async function writeAudit(trx: Kysely<Database>, entry: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at: entry.now.toISOString(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      zone_id: entry.zoneId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      for_vendor_id: entry.forVendorId ?? null,
    })
    .execute();
}

/**
 * A counter clerk's act for a vendor, in the transaction that did it; nothing without a clerk
 * (a vendor's own acts are their own record).
 */
export async function auditCounterAct(
  trx: Kysely<Database>,
  clerkUserId: number | undefined,
  entry: Omit<AuditInput, "actorUserId" | "forVendorId"> & { vendorId: number },
): Promise<void> {
  if (clerkUserId === undefined) return;
  const { vendorId, ...rest } = entry;
  await writeAudit(trx, { ...rest, actorUserId: clerkUserId, forVendorId: vendorId });
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

export interface AuditFilters {
  zoneId?: number;
  actorId?: number;
  /** The kind of thing changed: the action's first word ("layout", "booking"…). */
  kind?: string;
  /** 'YYYY-MM-DD', inclusive, in UTC dates of `at`. */
  from?: string;
  to?: string;
  /** Older than this row: the next page. */
  beforeId?: number;
}

export const AUDIT_PAGE = 100;

/** The log for the office, newest first, filtered; a page at a time. */
export async function listAudit(db: Kysely<Database>, filters: AuditFilters) {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .leftJoin("zones", "zones.id", "audit_log.zone_id")
    // A counter clerk's act names the vendor it was for.
    .leftJoin("vendors", "vendors.id", "audit_log.for_vendor_id")
    .leftJoin("users as for_users", "for_users.id", "vendors.user_id")
    .select([
      "for_users.display_name as for_vendor_name",
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.before",
      "audit_log.after",
      "users.display_name as actor_name",
      "zones.name_zh as zone_zh",
      "zones.name_en as zone_en",
      "zones.time_zone as zone_time_zone",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(AUDIT_PAGE);
  if (filters.zoneId) query = query.where("audit_log.zone_id", "=", filters.zoneId);
  if (filters.actorId) query = query.where("audit_log.actor_user_id", "=", filters.actorId);
  if (filters.kind) query = query.where("audit_log.action", "like", `${filters.kind}.%`);
  if (filters.from) query = query.where("audit_log.at", ">=", `${filters.from}T00:00:00.000Z`);
  if (filters.to) query = query.where("audit_log.at", "<=", `${filters.to}T23:59:59.999Z`);
  if (filters.beforeId) query = query.where("audit_log.id", "<", filters.beforeId);
  return query.execute();
}
