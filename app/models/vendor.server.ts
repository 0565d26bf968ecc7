import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { Database, Role, VendorStatus } from "#db/schema";
import { canResubmit, profileChangeNeedsReview } from "~/domain/vendor-review";
import { writeAudit } from "./audit.server";
import { recordConsent } from "./counter.server";
import { notify } from "./notification.server";
import { inTransaction } from "#db/transaction";

/** A vendor's own columns and their category's, all but the vendor's id. */
export const vendorFields = [
  "vendors.user_id",
  "vendors.status",
  "vendors.status_reason",
  "vendors.suspended_until",
  "vendors.legal_name",
  "vendors.name_en",
  "vendors.category_slug",
  "vendors.products",
  "vendors.products_en",
  "vendors.home_community",
  "vendors.submitted_at",
  "vendors.reviewed_at",
  "vendors.created_at",
  "categories.name_zh as category_zh",
  "categories.name_en as category_en",
  "categories.needs_health_certificate",
  "categories.needs_food_permit",
  "categories.public_welfare",
] as const;
const vendorColumns = [
  "vendors.id",
  ...vendorFields,
  "users.display_name",
  "users.phone",
  "users.email",
] as const;

function vendorQuery(db: Kysely<Database>) {
  return db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .innerJoin("categories", "categories.slug", "vendors.category_slug")
    .select(vendorColumns);
}

export type VendorRecord = NonNullable<Awaited<ReturnType<typeof getVendorForUser>>>;

export async function getVendorForUser(db: Kysely<Database>, userId: number) {
  return vendorOfUser.first(db, { userId });
}

export async function getVendorById(db: Kysely<Database>, id: number) {
  return vendorOfId.first(db, { id });
}

const vendorOfUser = prepared((db, p: { userId: number }) =>
  vendorQuery(db).where("vendors.user_id", "=", p.userId),
);
const vendorOfId = prepared((db, p: { id: number }) =>
  vendorQuery(db).where("vendors.id", "=", p.id),
);

export async function countVendorsByStatus(
  db: Kysely<Database>,
): Promise<Record<VendorStatus, number>> {
  const rows = await db
    .selectFrom("vendors")
    .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const counts: Record<VendorStatus, number> = {
    pending: 0,
    approved: 0,
    changes_requested: 0,
    rejected: 0,
    suspended: 0,
  };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Vendors in one state, the longest-waiting first. */
export async function listVendorsByStatus(db: Kysely<Database>, status: VendorStatus, limit = 200) {
  return vendorQuery(db)
    .where("vendors.status", "=", status)
    .orderBy("vendors.submitted_at", "asc")
    .orderBy("vendors.id", "asc")
    .limit(limit)
    .execute();
}

export interface RegistrationInput {
  phone: string | null;
  email: string | null;
  passwordHash: string;
  displayName: string;
  legalName: string;
  homeCommunity: string;
  categorySlug: string;
  products: string;
  rulesVersion: string;
  /** Registered at a service counter: the clerk, how the vendor consented, whether the code proved the phone. */
  counter?: {
    clerkUserId: number;
    method: "sms_code" | "signed_form";
    storedName: string | null;
    contentType: string | null;
  };
}

export type RegistrationResult =
  { ok: true; userId: number; vendorId: number } | { ok: false; code: "phoneTaken" | "emailTaken" };

/** A new vendor account and application, waiting for review; nothing is saved half-way. */
export async function registerVendor(
  db: Kysely<Database>,
  input: RegistrationInput,
  now: Date,
): Promise<RegistrationResult> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    for (const field of ["phone", "email"] as const) {
      const value = input[field];
      if (!value) continue;
      const existing = await trx
        .selectFrom("users")
        .select(["id", "phone_verified_at", "email"])
        .where(field, "=", value)
        .executeTakeFirst();
      if (!existing) continue;
      // A number someone typed but never proved theirs is not held against its owner: the
      // unproven account lets go of it, or, with no other way in, goes (it could not yet do
      // anything: every page waited for the code).
      if (field === "phone" && !existing.phone_verified_at) {
        if (existing.email)
          await trx
            .updateTable("users")
            .set({ phone: null, updated_at: at })
            .where("id", "=", existing.id)
            .execute();
        else await trx.deleteFrom("users").where("id", "=", existing.id).execute();
        continue;
      }
      return { ok: false, code: `${field}Taken` };
    }
    const user = await trx
      .insertInto("users")
      .values({
        phone: input.phone,
        email: input.email,
        password_hash: input.passwordHash,
        display_name: input.displayName,
        role: "vendor" as Role,
        // At a counter, a code the vendor read out from their phone proved the number.
        phone_verified_at: input.counter?.method === "sms_code" ? at : null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const vendor = await trx
      .insertInto("vendors")
      .values({
        user_id: user.id,
        legal_name: input.legalName,
        category_slug: input.categorySlug,
        products: input.products,
        home_community: input.homeCommunity || null,
        status: "pending",
        rules_version: input.rulesVersion,
        rules_accepted_at: at,
        submitted_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.counter)
      await recordConsent(
        trx,
        { vendorId: vendor.id, ...input.counter },
        now,
        "vendor.registered_at_counter",
      );
    await notify(trx, {
      userId: user.id,
      kind: "welcome",
      messageKey: "inbox.welcome",
      link: "/vendor/documents",
      now,
    });
    return { ok: true, userId: user.id, vendorId: vendor.id };
  });
}

export interface ProfileInput {
  displayName: string;
  legalName: string;
  homeCommunity: string;
  categorySlug: string;
  products: string;
}

/**
 * Saves the vendor's own profile. A new legal name or category sends an approved application
 * back to review, and says so in the result.
 */
export async function updateVendorProfile(
  db: Kysely<Database>,
  { vendorId, userId, clerkUserId }: { vendorId: number; userId: number; clerkUserId?: number },
  input: ProfileInput,
  now: Date,
): Promise<{ backToReview: boolean }> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("vendors")
      .innerJoin("users", "users.id", "vendors.user_id")
      .select([
        "vendors.legal_name",
        "vendors.category_slug",
        "vendors.products",
        "vendors.home_community",
        "vendors.status",
        "users.display_name",
      ])
      .where("vendors.id", "=", vendorId)
      .where("vendors.user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const after = { legal_name: input.legalName, category_slug: input.categorySlug };
    const backToReview =
      profileChangeNeedsReview(before, after) &&
      (before.status === "approved" || before.status === "changes_requested");
    await trx
      .updateTable("users")
      .set({ display_name: input.displayName, updated_at: at })
      .where("id", "=", userId)
      .execute();
    await trx
      .updateTable("vendors")
      .set({
        legal_name: input.legalName,
        category_slug: input.categorySlug,
        products: input.products,
        home_community: input.homeCommunity || null,
        updated_at: at,
        ...(backToReview
          ? { status: "pending" as const, status_reason: null, submitted_at: at }
          : {}),
      })
      .where("id", "=", vendorId)
      .execute();
    await writeAudit(trx, {
      actorUserId: clerkUserId ?? userId,
      forVendorId: clerkUserId === undefined ? null : vendorId,
      action: backToReview ? "vendor.profile_changed_for_review" : "vendor.profile_changed",
      entityType: "vendor",
      entityId: vendorId,
      before,
      after: { ...input, status: backToReview ? "pending" : before.status },
      now,
    });
    return { backToReview };
  });
}

/** The vendor sends their application again after a manager asked for changes. */
export async function resubmitApplication(
  db: Kysely<Database>,
  { vendorId, userId }: { vendorId: number; userId: number },
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const vendor = await trx
      .selectFrom("vendors")
      .select(["status", "status_reason"])
      .where("id", "=", vendorId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!vendor || !canResubmit(vendor.status)) return false;
    await trx
      .updateTable("vendors")
      .set({ status: "pending", submitted_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", vendorId)
      .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "vendor.resubmitted",
      entityType: "vendor",
      entityId: vendorId,
      before: vendor,
      after: { status: "pending" },
      now,
    });
    return true;
  });
}
