// Service counters (代办窗口): clerks at a market office, a village committee or a community
// service centre act for vendors without a smartphone, with the vendor's consent, through the
// vendor's own pages and rules. Each act is audited as the clerk's, for the vendor.
// docs/decisions/019-service-counter.md
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { inTransaction } from "#db/transaction";
import { writeAudit } from "./audit.server";
import { checkPhoneCode } from "./phone-code.server";

/** A stored hash no password can match: the vendor sets their own later with a code by SMS. */
export const COUNTER_NO_PASSWORD = "unset$registered-at-counter";

export interface ConsentInput {
  vendorId: number;
  clerkUserId: number;
  method: "sms_code" | "signed_form";
  storedName: string | null;
  contentType: string | null;
}

/** The vendor agreed that counters may act for them: by a code from their phone, or a signed form. */
export async function recordConsent(
  trx: Kysely<Database>,
  input: ConsentInput,
  now: Date,
  action = "counter.consent",
): Promise<void> {
  await trx
    .insertInto("counter_consents")
    .values({
      vendor_id: input.vendorId,
      clerk_user_id: input.clerkUserId,
      method: input.method,
      stored_name: input.storedName,
      content_type: input.contentType,
      created_at: now.toISOString(),
    })
    .execute();
  await writeAudit(trx, {
    actorUserId: input.clerkUserId,
    action,
    entityType: "vendor",
    entityId: input.vendorId,
    after: { method: input.method },
    forVendorId: input.vendorId,
    now,
  });
}

/** The code the vendor read out at the counter, sent from the clerk's account to their phone. */
export async function checkConsentCode(
  db: Kysely<Database>,
  input: { phone: string; code: string; clerkUserId: number },
  now: Date,
) {
  return inTransaction(db, (trx) =>
    checkPhoneCode(
      trx,
      { phone: input.phone, purpose: "consent", code: input.code, userId: input.clerkUserId },
      now,
    ),
  );
}

/** An existing vendor's consent, recorded. */
export async function addConsent(db: Kysely<Database>, input: ConsentInput, now: Date) {
  await inTransaction(db, (trx) => recordConsent(trx, input, now));
}

/** The consent counters act on, while the vendor has not withdrawn it. */
export async function liveConsent(db: Kysely<Database>, vendorId: number) {
  return db
    .selectFrom("counter_consents")
    .innerJoin("users", "users.id", "counter_consents.clerk_user_id")
    .select([
      "counter_consents.id",
      "counter_consents.method",
      "counter_consents.created_at",
      "users.display_name as clerk_name",
    ])
    .where("counter_consents.vendor_id", "=", vendorId)
    .where("counter_consents.withdrawn_at", "is", null)
    .orderBy("counter_consents.id", "desc")
    .executeTakeFirst();
}

/** The vendor takes their account back: no counter acts for them until they consent again. */
export async function withdrawConsent(
  db: Kysely<Database>,
  { vendorId, userId }: { vendorId: number; userId: number },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("counter_consents")
      .set({ withdrawn_at: now.toISOString() })
      .where("vendor_id", "=", vendorId)
      .where("withdrawn_at", "is", null)
      .execute();
    await trx
      .updateTable("sessions")
      .set({ acting_vendor_id: null })
      .where("acting_vendor_id", "=", vendorId)
      .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "counter.consent_withdrawn",
      entityType: "vendor",
      entityId: vendorId,
      now,
    });
  });
}

/** The zones a counter clerk serves. */
export async function counterZoneIds(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("counter_zones")
    .select("zone_id")
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => r.zone_id);
}

/** A vendor account by its phone number, with whether counters may act for it. */
export async function findVendorByPhone(db: Kysely<Database>, phone: string) {
  const vendor = await db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select(["vendors.id", "vendors.status", "users.display_name", "users.phone"])
    .where("users.phone", "=", phone)
    .where("users.role", "=", "vendor")
    .executeTakeFirst();
  if (!vendor) return undefined;
  return { ...vendor, consent: !!(await liveConsent(db, vendor.id)) };
}

/**
 * The vendors a counter looks after: those who consented at it (to a clerk who shares a zone
 * with this one), while the consent holds.
 */
export async function counterVendors(db: Kysely<Database>, clerkUserId: number) {
  const zones = await counterZoneIds(db, clerkUserId);
  return db
    .selectFrom("counter_consents")
    .innerJoin("vendors", "vendors.id", "counter_consents.vendor_id")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select([
      "vendors.id",
      "vendors.status",
      "vendors.products",
      "users.display_name",
      "users.phone",
      "counter_consents.created_at",
    ])
    .where("counter_consents.withdrawn_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("counter_consents.clerk_user_id", "=", clerkUserId),
        ...(zones.length
          ? [
              eb(
                "counter_consents.clerk_user_id",
                "in",
                eb.selectFrom("counter_zones").select("user_id").where("zone_id", "in", zones),
              ),
            ]
          : []),
      ]),
    )
    .orderBy("users.display_name")
    .limit(500)
    .execute();
}

export type StartActingResult = { ok: true } | { ok: false; code: "noConsent" };

/** The clerk's session acts for `vendorId` from now on, if the vendor consented. */
export async function startActing(
  db: Kysely<Database>,
  input: { sessionId: string; clerkUserId: number; vendorId: number },
  now: Date,
): Promise<StartActingResult> {
  if (!(await liveConsent(db, input.vendorId))) return { ok: false, code: "noConsent" };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("sessions")
      .set({ acting_vendor_id: input.vendorId })
      .where("id", "=", input.sessionId)
      .where("user_id", "=", input.clerkUserId)
      .execute();
    await writeAudit(trx, {
      actorUserId: input.clerkUserId,
      action: "counter.acting_started",
      entityType: "vendor",
      entityId: input.vendorId,
      forVendorId: input.vendorId,
      now,
    });
  });
  return { ok: true };
}

export async function stopActing(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ acting_vendor_id: null })
    .where("id", "=", sessionId)
    .execute();
}

/** The vendor a clerk's session acts for, while their consent holds. */
export async function actingVendorOf(
  db: Kysely<Database>,
  sessionId: string,
): Promise<number | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("counter_consents", "counter_consents.vendor_id", "sessions.acting_vendor_id")
    .select("sessions.acting_vendor_id")
    .where("sessions.id", "=", sessionId)
    .where("counter_consents.withdrawn_at", "is", null)
    .executeTakeFirst();
  return row?.acting_vendor_id ?? null;
}

/** What counters did for a vendor, newest first: shown to the vendor and to their managers. */
export async function counterActs(db: Kysely<Database>, vendorId: number, limit = 50) {
  return db
    .selectFrom("audit_log")
    .innerJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.after",
      "users.display_name as clerk_name",
    ])
    .where("audit_log.for_vendor_id", "=", vendorId)
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
}
