// Problem reports (随手反馈): anyone reports, the zone's managers deal with it, the reporter
// follows it by its code, and the figures are public.
import { randomInt } from "node:crypto";
import type { Kysely, Updateable } from "kysely";
import { prepared } from "#db/prepared";
import type { Database, ProblemReportsTable, ReportCategory, ReportStatus } from "#db/schema";
import { REPORT_DUE_HOURS, reportFigures } from "~/domain/reports";
import { localMoment } from "~/domain/market-hours";
import { writeAudit } from "./audit.server";
import { notify } from "./notification.server";
import { recordIntegrityEvent } from "./integrity.server";
import { inTransaction } from "#db/transaction";

// No 0/O or 1/I/L: read aloud or typed from a phone, the code stays unambiguous.
const CODE_LETTERS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newReportCode(): string {
  return Array.from({ length: 8 }, () => CODE_LETTERS[randomInt(CODE_LETTERS.length)]).join("");
}

export interface NewReport {
  zoneId: number;
  category: ReportCategory;
  description: string;
  photo: { name: string; type: string } | null;
  position: { lng: number; lat: number } | null;
  contact: string | null;
  userId: number | null;
  /** Made from a stall's card: the stall, the session and who was booked there (stallAbout). */
  about?: {
    stallCode: string;
    session: { localDate: string; key: string } | null;
    vendor: { id: number } | null;
  } | null;
}

export async function createReport(db: Kysely<Database>, input: NewReport, now: Date) {
  return inTransaction(db, async (trx) => {
    const at = now.toISOString();
    const code = newReportCode();
    const report = await trx
      .insertInto("problem_reports")
      .values({
        zone_id: input.zoneId,
        code,
        category: input.category,
        description: input.description,
        photo_name: input.photo?.name ?? null,
        photo_type: input.photo?.type ?? null,
        lng: input.position?.lng ?? null,
        lat: input.position?.lat ?? null,
        contact: input.contact,
        reporter_user_id: input.userId,
        stall_code: input.about?.stallCode ?? null,
        local_date: input.about?.session?.localDate ?? null,
        session_key: input.about?.session?.key ?? null,
        vendor_id: input.about?.vendor?.id ?? null,
        status: "received",
        due_at: new Date(now.getTime() + REPORT_DUE_HOURS * 3_600_000).toISOString(),
        created_at: at,
        updated_at: at,
      })
      .returning(["id", "code"])
      .executeTakeFirstOrThrow();
    const zone = await trx
      .selectFrom("zones")
      .select(["name_zh", "name_en"])
      .where("id", "=", input.zoneId)
      .executeTakeFirstOrThrow();
    const managers = await trx
      .selectFrom("zone_managers")
      .select("user_id")
      .where("zone_id", "=", input.zoneId)
      .execute();
    for (const m of managers)
      await notify(trx, {
        userId: m.user_id,
        kind: "report",
        messageKey: "inbox.reportReceived",
        params: { market: zone.name_zh, marketEn: zone.name_en, code },
        link: `/manage/reports/${report.id}`,
        now,
      });
    return report;
  });
}

/** A report as its reporter and the public see it: never the contact or who reported. */
export async function getPublicReport(db: Kysely<Database>, code: string) {
  return db
    .selectFrom("problem_reports")
    .innerJoin("zones", "zones.id", "problem_reports.zone_id")
    .select([
      "problem_reports.code",
      "problem_reports.category",
      "problem_reports.description",
      "problem_reports.status",
      "problem_reports.reply",
      "problem_reports.created_at",
      "problem_reports.updated_at",
      "problem_reports.finished_at",
      "problem_reports.due_at",
      "zones.slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
    ])
    .where("problem_reports.code", "=", code.toUpperCase())
    .executeTakeFirst();
}

export async function listZoneReports(
  db: Kysely<Database>,
  zoneIds: number[] | undefined,
  { open }: { open: boolean },
) {
  let query = db
    .selectFrom("problem_reports")
    .innerJoin("zones", "zones.id", "problem_reports.zone_id")
    .leftJoin("users", "users.id", "problem_reports.assigned_to")
    .select([
      "problem_reports.id",
      "problem_reports.code",
      "problem_reports.category",
      "problem_reports.description",
      "problem_reports.status",
      "problem_reports.due_at",
      "problem_reports.created_at",
      "problem_reports.finished_at",
      "zones.slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "users.display_name as assignee",
    ])
    .orderBy("problem_reports.due_at")
    .limit(200);
  if (zoneIds)
    query = query.where("problem_reports.zone_id", "in", zoneIds.length ? zoneIds : [-1]);
  query = open
    ? query.where("problem_reports.status", "in", ["received", "in_progress"])
    : query.where("problem_reports.status", "in", ["resolved", "closed"]);
  return query.execute();
}

export async function getReport(db: Kysely<Database>, id: number, zoneIds: number[] | undefined) {
  let query = db
    .selectFrom("problem_reports")
    .innerJoin("zones", "zones.id", "problem_reports.zone_id")
    .selectAll("problem_reports")
    .select(["zones.slug", "zones.name_zh", "zones.name_en", "zones.boundary", "zones.time_zone"])
    // Whom a report from a stall's card is about.
    .leftJoin("vendors", "vendors.id", "problem_reports.vendor_id")
    .leftJoin("users", "users.id", "vendors.user_id")
    .select("users.display_name as vendor_name")
    .where("problem_reports.id", "=", id);
  if (zoneIds)
    query = query.where("problem_reports.zone_id", "in", zoneIds.length ? zoneIds : [-1]);
  return query.executeTakeFirst();
}

export type ReportAction =
  | { kind: "assign"; assigneeId: number }
  | { kind: "start" }
  /** `upheld`: the report about the vendor booked at the stall was right (integrity record). */
  | { kind: "resolve"; reply: string; upheld?: boolean }
  | { kind: "close"; reply: string };

const NEXT: Record<ReportAction["kind"], { from: ReportStatus[]; to?: ReportStatus }> = {
  assign: { from: ["received", "in_progress"] },
  start: { from: ["received"], to: "in_progress" },
  resolve: { from: ["received", "in_progress"], to: "resolved" },
  close: { from: ["received", "in_progress"], to: "closed" },
};

/**
 * A manager's step on a report. Assigning keeps its status; resolving or closing answers the
 * reporter. Refused (false) when the report is not open, or the assignee does not manage its
 * zone. Audited, in one transaction.
 */
export async function actOnReport(
  db: Kysely<Database>,
  { reportId, userId, action }: { reportId: number; userId: number; action: ReportAction },
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const report = await trx
      .selectFrom("problem_reports")
      .innerJoin("zones", "zones.id", "problem_reports.zone_id")
      .select([
        "problem_reports.id",
        "problem_reports.zone_id",
        "problem_reports.code",
        "problem_reports.status",
        "problem_reports.assigned_to",
        "problem_reports.reporter_user_id",
        "problem_reports.vendor_id",
        "problem_reports.local_date",
        "problem_reports.created_at",
        "zones.name_zh",
        "zones.name_en",
        "zones.time_zone",
      ])
      .where("problem_reports.id", "=", reportId)
      .executeTakeFirst();
    if (!report || !NEXT[action.kind].from.includes(report.status)) return false;
    const at = now.toISOString();
    const changes: Updateable<ProblemReportsTable> = { updated_at: at };
    if (action.kind === "assign") {
      const manages = await trx
        .selectFrom("zone_managers")
        .select("user_id")
        .where("zone_id", "=", report.zone_id)
        .where("user_id", "=", action.assigneeId)
        .executeTakeFirst();
      if (!manages) return false;
      changes.assigned_to = action.assigneeId;
    } else {
      changes.status = NEXT[action.kind].to!;
      if (report.assigned_to === null) changes.assigned_to = userId;
    }
    if (action.kind === "resolve" || action.kind === "close") {
      changes.reply = action.reply;
      changes.finished_at = at;
    }
    await trx.updateTable("problem_reports").set(changes).where("id", "=", reportId).execute();
    if (action.kind === "resolve" && action.upheld && report.vendor_id)
      await recordIntegrityEvent(
        trx,
        {
          vendorId: report.vendor_id,
          zoneId: report.zone_id,
          kind: "report_upheld",
          sourceType: "report",
          sourceId: reportId,
          localDate:
            report.local_date ?? localMoment(new Date(report.created_at), report.time_zone).date,
          reason: action.reply,
          actorUserId: userId,
        },
        now,
      );
    if (action.kind === "assign" && action.assigneeId !== userId)
      await notify(trx, {
        userId: action.assigneeId,
        kind: "report",
        messageKey: "inbox.reportAssigned",
        params: { market: report.name_zh, marketEn: report.name_en, code: report.code },
        link: `/manage/reports/${reportId}`,
        now,
      });
    if ((action.kind === "resolve" || action.kind === "close") && report.reporter_user_id)
      await notify(trx, {
        userId: report.reporter_user_id,
        kind: "report",
        messageKey: "inbox.reportAnswered",
        params: { market: report.name_zh, marketEn: report.name_en, code: report.code },
        link: `/reports/${report.code}`,
        now,
      });
    await writeAudit(trx, {
      actorUserId: userId,
      action: `report.${action.kind}`,
      entityType: "report",
      entityId: reportId,
      zoneId: report.zone_id,
      before: { status: report.status, assigned_to: report.assigned_to },
      after: changes,
      now,
    });
    return true;
  });
}

/** Public figures: for one zone, or the county when `zoneId` is null. */
export async function publicReportFigures(db: Kysely<Database>, zoneId: number | null, now: Date) {
  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString();
  const reports =
    zoneId === null
      ? await reportsSince(db, since).execute()
      : await zoneReportsSince.all(db, { zoneId, since });
  return { days30: reportFigures(reports, now, 30), days90: reportFigures(reports, now, 90) };
}

function reportsSince(db: Kysely<Database>, since: string) {
  return db
    .selectFrom("problem_reports")
    .select(["category", "status", "created_at", "finished_at", "due_at"])
    .where("created_at", ">=", since);
}

const zoneReportsSince = prepared((db, p: { zoneId: number; since: string }) =>
  reportsSince(db, p.since).where("zone_id", "=", p.zoneId),
);

export async function reportFiguresByZone(db: Kysely<Database>, now: Date) {
  const reports = await db
    .selectFrom("problem_reports")
    .select(["zone_id", "category", "status", "created_at", "finished_at", "due_at"])
    .where("created_at", ">=", new Date(now.getTime() - 90 * 86_400_000).toISOString())
    .execute();
  const byZone = new Map<number, typeof reports>();
  for (const r of reports) byZone.set(r.zone_id, [...(byZone.get(r.zone_id) ?? []), r]);
  return new Map(
    [...byZone].map(([zoneId, list]) => [
      zoneId,
      { days30: reportFigures(list, now, 30), days90: reportFigures(list, now, 90) },
    ]),
  );
}
