// Safety inspections of a zone (or one of its sessions), with follow-ups that have due dates.
import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { Database } from "#db/schema";
import {
  inspectionDue,
  inspectionResult,
  type ChecklistAnswer,
  type ChecklistItem,
} from "~/domain/inspections";
import type { StallFinding } from "~/domain/integrity";
import { writeAudit } from "./audit.server";
import { ACTIVE } from "./booking.server";
import { recordIntegrityEvent } from "./integrity.server";
import { keptReference } from "./reference.server";
import { inTransaction } from "#db/transaction";

export interface NewInspection {
  zoneId: number;
  userId: number;
  localDate: string;
  sessionKey: string | null;
  checklist: Record<ChecklistItem, ChecklistAnswer>;
  findings: string;
  photos: string[];
  followups: { action: string; dueOn: string }[];
  /** Findings at stalls (a session must be named): each about the vendor booked there. */
  stallFindings?: StallFinding[];
}

export type InspectionOutcome =
  | { ok: true; id: number; result: ReturnType<typeof inspectionResult> }
  | { ok: false; noVendorAt: string };

export async function recordInspection(
  db: Kysely<Database>,
  input: NewInspection,
  now: Date,
): Promise<InspectionOutcome> {
  return inTransaction(db, async (trx) => {
    const findings = input.stallFindings ?? [];
    const vendorAt = new Map<string, number>();
    if (findings.length) {
      const booked = input.sessionKey
        ? await trx
            .selectFrom("bookings")
            .innerJoin("stalls", "stalls.id", "bookings.stall_id")
            .select(["stalls.code", "bookings.vendor_id"])
            .where("bookings.zone_id", "=", input.zoneId)
            .where("bookings.local_date", "=", input.localDate)
            .where("bookings.session_key", "=", input.sessionKey)
            .where("bookings.status", "in", [...ACTIVE, "no_show"])
            .where(
              "stalls.code",
              "in",
              findings.map((f) => f.stallCode),
            )
            .execute()
        : [];
      for (const b of booked) vendorAt.set(b.code, b.vendor_id);
      const missing = findings.find((f) => !vendorAt.has(f.stallCode));
      if (missing) return { ok: false, noVendorAt: missing.stallCode };
    }
    const result = inspectionResult(input.checklist);
    const inspection = await trx
      .insertInto("inspections")
      .values({
        zone_id: input.zoneId,
        local_date: input.localDate,
        session_key: input.sessionKey,
        inspector_user_id: input.userId,
        result,
        checklist: JSON.stringify(input.checklist),
        findings: input.findings,
        photos: JSON.stringify(input.photos),
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.followups.length)
      await trx
        .insertInto("inspection_followups")
        .values(
          input.followups.map((f) => ({
            inspection_id: inspection.id,
            action: f.action,
            due_on: f.dueOn,
          })),
        )
        .execute();
    for (const f of findings) {
      const vendorId = vendorAt.get(f.stallCode)!;
      const finding = await trx
        .insertInto("inspection_findings")
        .values({
          inspection_id: inspection.id,
          stall_code: f.stallCode,
          vendor_id: vendorId,
          kind: f.kind,
          note: f.note,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordIntegrityEvent(
        trx,
        {
          vendorId,
          zoneId: input.zoneId,
          kind: f.kind,
          sourceType: "inspection_finding",
          sourceId: finding.id,
          localDate: input.localDate,
          reason: f.note,
          actorUserId: input.userId,
        },
        now,
      );
    }
    await writeAudit(trx, {
      actorUserId: input.userId,
      action: "inspection.recorded",
      entityType: "inspection",
      entityId: inspection.id,
      zoneId: input.zoneId,
      after: {
        result,
        date: input.localDate,
        followups: input.followups.length,
        stallFindings: findings.length,
      },
      now,
    });
    return { ok: true, id: inspection.id, result };
  });
}

export async function completeFollowup(
  db: Kysely<Database>,
  { followupId, zoneId, userId }: { followupId: number; zoneId: number; userId: number },
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const followup = await trx
      .selectFrom("inspection_followups")
      .innerJoin("inspections", "inspections.id", "inspection_followups.inspection_id")
      .select(["inspection_followups.id", "inspection_followups.action"])
      .where("inspection_followups.id", "=", followupId)
      .where("inspections.zone_id", "=", zoneId)
      .where("inspection_followups.done_at", "is", null)
      .executeTakeFirst();
    if (!followup) return false;
    await trx
      .updateTable("inspection_followups")
      .set({ done_at: now.toISOString(), done_by: userId })
      .where("id", "=", followupId)
      .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "inspection.followupDone",
      entityType: "inspection_followup",
      entityId: followupId,
      zoneId,
      before: { done: false },
      after: { done: true, action: followup.action },
      now,
    });
    return true;
  });
}

export async function listInspections(db: Kysely<Database>, zoneId: number, limit = 20) {
  const inspections = await db
    .selectFrom("inspections")
    .leftJoin("users", "users.id", "inspections.inspector_user_id")
    .select([
      "inspections.id",
      "inspections.local_date",
      "inspections.session_key",
      "inspections.result",
      "inspections.checklist",
      "inspections.findings",
      "inspections.photos",
      "users.display_name as inspector",
    ])
    .where("inspections.zone_id", "=", zoneId)
    .orderBy("inspections.local_date", "desc")
    .orderBy("inspections.id", "desc")
    .limit(limit)
    .execute();
  const ids = inspections.map((i) => i.id);
  const [followups, stallFindings] = ids.length
    ? await Promise.all([
        db
          .selectFrom("inspection_followups")
          .selectAll()
          .where("inspection_id", "in", ids)
          .orderBy("due_on")
          .execute(),
        db
          .selectFrom("inspection_findings")
          .innerJoin("vendors", "vendors.id", "inspection_findings.vendor_id")
          .innerJoin("users", "users.id", "vendors.user_id")
          .select([
            "inspection_findings.id",
            "inspection_findings.inspection_id",
            "inspection_findings.stall_code",
            "inspection_findings.kind",
            "inspection_findings.note",
            "inspection_findings.vendor_id",
            "users.display_name as vendor_name",
          ])
          .where("inspection_id", "in", ids)
          .orderBy("inspection_findings.id")
          .execute(),
      ])
    : [[], []];
  return inspections.map((i) => ({
    ...i,
    checklist: JSON.parse(i.checklist) as Record<ChecklistItem, ChecklistAnswer>,
    photos: JSON.parse(i.photos) as string[],
    followups: followups.filter((f) => f.inspection_id === i.id),
    stallFindings: stallFindings.filter((f) => f.inspection_id === i.id),
  }));
}

/** The zone and stored photo names of an inspection, for serving a photo to who may see it. */
export async function inspectionPhotos(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom("inspections")
    .select(["zone_id", "photos"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { zoneId: row.zone_id, photos: JSON.parse(row.photos) as string[] };
}

export async function lastInspection(db: Kysely<Database>, zoneId: number) {
  // Inspections are made a few times a week: kept (decision 033).
  return keptReference(db, `last-inspection:${zoneId}`, (db) =>
    newestInspection.first(db, { zoneId }),
  );
}

const newestInspection = prepared((db, p: { zoneId: number }) =>
  db
    .selectFrom("inspections")
    .select(["local_date", "result"])
    .where("zone_id", "=", p.zoneId)
    .orderBy("local_date", "desc")
    .orderBy("id", "desc")
    .limit(1),
);

/** Each zone's inspection standing: when it is due, and follow-ups past their date. */
export async function inspectionStanding(db: Kysely<Database>, zoneIds: number[], today: string) {
  if (zoneIds.length === 0)
    return new Map<number, ReturnType<typeof inspectionDue> & { lateFollowups: number }>();
  const [zones, last, late] = await Promise.all([
    db
      .selectFrom("zones")
      .select(["id", "inspection_interval_days"])
      .where("id", "in", zoneIds)
      .execute(),
    db
      .selectFrom("inspections")
      .select((eb) => ["zone_id", eb.fn.max("local_date").as("last")])
      .where("zone_id", "in", zoneIds)
      .groupBy("zone_id")
      .execute(),
    db
      .selectFrom("inspection_followups")
      .innerJoin("inspections", "inspections.id", "inspection_followups.inspection_id")
      .select((eb) => ["inspections.zone_id", eb.fn.countAll<number>().as("n")])
      .where("inspections.zone_id", "in", zoneIds)
      .where("inspection_followups.done_at", "is", null)
      .where("inspection_followups.due_on", "<", today)
      .groupBy("inspections.zone_id")
      .execute(),
  ]);
  return new Map(
    zones.map((z) => [
      z.id,
      {
        ...inspectionDue(
          (last.find((l) => l.zone_id === z.id)?.last as string | undefined) ?? null,
          z.inspection_interval_days,
          today,
        ),
        lateFollowups: Number(late.find((l) => l.zone_id === z.id)?.n ?? 0),
      },
    ]),
  );
}

export async function setInspectionInterval(
  db: Kysely<Database>,
  { zoneId, userId, days }: { zoneId: number; userId: number; days: number },
  now: Date,
) {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("zones")
      .select("inspection_interval_days")
      .where("id", "=", zoneId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("zones")
      .set({ inspection_interval_days: days, updated_at: now.toISOString() })
      .where("id", "=", zoneId)
      .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "inspection.interval",
      entityType: "zone",
      entityId: zoneId,
      zoneId,
      before: { days: before.inspection_interval_days },
      after: { days },
      now,
    });
  });
}
