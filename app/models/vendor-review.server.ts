// A manager's or the office's decision on a vendor: one transaction changes the status,
// writes the audit log and puts the decision in the vendor's inbox.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { canDecide, statusAfter, type ReviewDecision } from "~/domain/vendor-review";
import { DEFAULT_TIME_ZONE } from "~/domain/market-hours";
import type { MessageKey } from "~/locales/zh-CN";
import { translate } from "~/utils/i18n";
import { writeAudit } from "./audit.server";
import { notify } from "./notification.server";
import { inTransaction } from "#db/transaction";

export interface DecisionInput {
  vendorId: number;
  actorUserId: number;
  decision: ReviewDecision;
  reason: string | null;
  /** For a suspension: its last day, 'YYYY-MM-DD'. */
  until: string | null;
}

const INBOX_MESSAGE: Record<ReviewDecision, MessageKey> = {
  approve: "inbox.approved",
  requestChanges: "inbox.changesRequested",
  reject: "inbox.rejected",
  suspend: "inbox.suspended",
  lift: "inbox.suspensionLifted",
};

export type DecisionResult = { ok: true } | { ok: false; code: "notFound" | "notAllowed" };

export async function decideVendor(
  db: Kysely<Database>,
  input: DecisionInput,
  now: Date,
): Promise<DecisionResult> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("vendors")
      .select(["id", "user_id", "status", "status_reason", "suspended_until"])
      .where("id", "=", input.vendorId)
      .executeTakeFirst();
    if (!before) return { ok: false, code: "notFound" };
    // Read and checked inside the transaction, so two managers deciding at once cannot both win.
    if (!canDecide(input.decision, before.status)) return { ok: false, code: "notAllowed" };

    const status = statusAfter(input.decision);
    const after = {
      status,
      status_reason:
        input.decision === "approve" || input.decision === "lift" ? null : input.reason,
      suspended_until: input.decision === "suspend" ? input.until : null,
    };
    const updated = await trx
      .updateTable("vendors")
      .set({ ...after, reviewed_at: at, reviewed_by: input.actorUserId, updated_at: at })
      .where("id", "=", input.vendorId)
      .where("status", "=", before.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, code: "notAllowed" };

    // A suspended vendor is signed out everywhere: they read why when they log in again.
    if (input.decision === "suspend")
      await trx.deleteFrom("sessions").where("user_id", "=", before.user_id).execute();
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: `vendor.${input.decision}`,
      entityType: "vendor",
      entityId: input.vendorId,
      before: {
        status: before.status,
        status_reason: before.status_reason,
        suspended_until: before.suspended_until,
      },
      after,
      now,
    });
    await notify(trx, {
      userId: before.user_id,
      kind: `vendor.${input.decision}`,
      messageKey: INBOX_MESSAGE[input.decision],
      params: { reason: input.reason ?? "", until: input.until ?? "" },
      link: "/vendor",
      sms: {
        kind: "papers_decision",
        timeZone: DEFAULT_TIME_ZONE,
        extra: (locale) => ({ decision: translate(locale, `sms.decision.${input.decision}`) }),
      },
      now,
    });
    return { ok: true };
  });
}
