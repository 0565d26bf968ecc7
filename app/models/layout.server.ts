// Layout versions: a zone's managers draw a draft, every save is checked, the county office
// approves or sends it back. Approval swaps the bookable layout in one transaction, carrying
// bookings over to the new stalls (docs/decisions/009-layout-checks.md).
import type { Kysely } from "kysely";
import type { Database, Layout, LayoutStatus } from "#db/schema";
import {
  checkLayout,
  DEFAULT_LAYOUT_RULES,
  type CheckResult,
  type LayoutRules,
} from "~/domain/layout-checks";
import { diffLayouts, type LayoutDocument } from "~/domain/layout-document";
import { writeAudit } from "./audit.server";
import { carryBookingsOver } from "./layout-carry-over.server";
import { loadLayoutDocument, writeDocument } from "./layout-document.server";

// The document reader is used with the lifecycle everywhere: callers import both from here.
export { loadLayoutDocument };
import { notify } from "./notification.server";
import { inTransaction } from "#db/transaction";

export type OpenStatus = "draft" | "submitted" | "returned";

export async function getLayoutRules(db: Kysely<Database>, zoneId: number): Promise<LayoutRules> {
  const row = await db
    .selectFrom("layout_rules")
    .selectAll()
    .where("zone_id", "=", zoneId)
    .executeTakeFirst();
  if (!row) return DEFAULT_LAYOUT_RULES;
  return {
    fireLaneWidthM: row.fire_lane_width_m,
    aisleMinM: row.aisle_min_m,
    extinguisherReachM: row.extinguisher_reach_m,
    exitReachM: row.exit_reach_m,
    powerReachM: row.power_reach_m,
    maxCoverage: row.max_coverage,
  };
}

export async function saveLayoutRules(
  db: Kysely<Database>,
  { zoneId, userId, rules }: { zoneId: number; userId: number; rules: LayoutRules },
  now: Date,
) {
  await inTransaction(db, async (trx) => {
    const before = await getLayoutRules(trx, zoneId);
    const values = {
      fire_lane_width_m: rules.fireLaneWidthM,
      aisle_min_m: rules.aisleMinM,
      extinguisher_reach_m: rules.extinguisherReachM,
      exit_reach_m: rules.exitReachM,
      power_reach_m: rules.powerReachM,
      max_coverage: rules.maxCoverage,
      updated_at: now.toISOString(),
    };
    await trx
      .insertInto("layout_rules")
      .values({ zone_id: zoneId, ...values })
      .onConflict((oc) => oc.column("zone_id").doUpdateSet(values))
      .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "layout.rules",
      entityType: "zone",
      entityId: zoneId,
      zoneId,
      before,
      after: rules,
      now,
    });
  });
}

export function runChecks(document: LayoutDocument, rules: LayoutRules): CheckResult[] {
  return checkLayout(
    {
      boundary: document.boundary,
      stalls: document.stalls.map((s) => ({ code: s.code, ring: s.ring, power: s.power })),
      fireLanes: document.fireLanes,
      exits: document.exits,
      extinguishers: document.extinguishers,
      powerPoints: document.powerPoints,
    },
    rules,
  );
}

export async function approvedLayout(db: Kysely<Database>, zoneId: number) {
  return db
    .selectFrom("layouts")
    .selectAll()
    .where("zone_id", "=", zoneId)
    .where("status", "=", "approved")
    .executeTakeFirst();
}

/**
 * What a version's changes are measured against: for a version being worked on, the one in use;
 * for one that is or was in use, the one in use before it (not itself). None for a first layout.
 */
export async function layoutBefore(
  db: Kysely<Database>,
  layout: { id: number; zone_id: number; version: number; status: LayoutStatus },
): Promise<{ layout: Layout; against: "inUse" | "previous" } | undefined> {
  if (layout.status === "approved" || layout.status === "superseded") {
    const previous = await db
      .selectFrom("layouts")
      .selectAll()
      .where("zone_id", "=", layout.zone_id)
      .where("status", "in", ["approved", "superseded"])
      .where("version", "<", layout.version)
      .orderBy("version", "desc")
      .executeTakeFirst();
    return previous && { layout: previous, against: "previous" };
  }
  const current = await approvedLayout(db, layout.zone_id);
  return current && current.id !== layout.id ? { layout: current, against: "inUse" } : undefined;
}

/** The version being worked on (a draft, or one submitted or sent back), if there is one. */
export async function openLayout(db: Kysely<Database>, zoneId: number) {
  return db
    .selectFrom("layouts")
    .selectAll()
    .where("zone_id", "=", zoneId)
    .where("status", "in", ["draft", "submitted", "returned"])
    .executeTakeFirst();
}

export async function listZoneLayouts(db: Kysely<Database>, zoneId: number) {
  return db
    .selectFrom("layouts")
    .leftJoin("stalls", "stalls.layout_id", "layouts.id")
    .select((eb) => [
      "layouts.id",
      "layouts.version",
      "layouts.status",
      "layouts.created_at",
      "layouts.submitted_at",
      "layouts.decided_at",
      "layouts.checks_passed",
      eb.fn.count<number>("stalls.id").as("stalls"),
    ])
    .where("layouts.zone_id", "=", zoneId)
    .groupBy([
      "layouts.id",
      "layouts.version",
      "layouts.status",
      "layouts.created_at",
      "layouts.submitted_at",
      "layouts.decided_at",
      "layouts.checks_passed",
    ])
    .orderBy("layouts.version", "desc")
    .execute();
}

const passed = (checks: CheckResult[]) => (checks.every((c) => c.passed) ? 1 : 0) as 0 | 1;

/** The version to work on: the open one, or a new draft copied from the approved one. */
export async function startDraft(
  db: Kysely<Database>,
  { zoneId, userId }: { zoneId: number; userId: number },
  now: Date,
): Promise<Layout> {
  return inTransaction(db, async (trx) => {
    const open = await openLayout(trx, zoneId);
    if (open) return open;
    const approved = await approvedLayout(trx, zoneId);
    const document = approved ? await loadLayoutDocument(trx, approved.id) : undefined;
    const last = await trx
      .selectFrom("layouts")
      .select((eb) => eb.fn.max<number>("version").as("version"))
      .where("zone_id", "=", zoneId)
      .executeTakeFirst();
    const zone = await trx
      .selectFrom("zones")
      .select("boundary")
      .where("id", "=", zoneId)
      .executeTakeFirstOrThrow();
    const checks = document ? runChecks(document, await getLayoutRules(trx, zoneId)) : [];
    const layout = await trx
      .insertInto("layouts")
      .values({
        zone_id: zoneId,
        version: Number(last?.version ?? 0) + 1,
        status: "draft",
        notes: null,
        boundary: approved?.boundary ?? zone.boundary,
        checks: JSON.stringify(checks),
        checks_passed: document ? passed(checks) : null,
        created_by: userId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (document) await writeDocument(trx, layout.id, document);
    await writeAudit(trx, {
      actorUserId: userId,
      action: "layout.drafted",
      entityType: "layout",
      entityId: layout.id,
      zoneId,
      after: { version: layout.version, from: approved?.version ?? null },
      now,
    });
    return layout;
  });
}

export type SaveResult = { ok: true; checks: CheckResult[] } | { ok: false; code: "notEditable" };

/** Stores a draft's new content and checks it. A version sent back becomes a draft again. */
export async function saveDraft(
  db: Kysely<Database>,
  {
    layoutId,
    zoneId,
    userId,
    document,
  }: { layoutId: number; zoneId: number; userId: number; document: LayoutDocument },
  now: Date,
): Promise<SaveResult> {
  return inTransaction(db, async (trx) => {
    const layout = await trx
      .selectFrom("layouts")
      .selectAll()
      .where("id", "=", layoutId)
      .where("zone_id", "=", zoneId)
      .where("status", "in", ["draft", "returned"])
      .executeTakeFirst();
    if (!layout) return { ok: false, code: "notEditable" } as const;
    const checks = runChecks(document, await getLayoutRules(trx, zoneId));
    await writeDocument(trx, layoutId, document);
    await trx
      .updateTable("layouts")
      .set({
        status: "draft",
        boundary: JSON.stringify({ type: "Polygon", coordinates: [document.boundary] }),
        checks: JSON.stringify(checks),
        checks_passed: passed(checks),
        updated_at: now.toISOString(),
      })
      .where("id", "=", layoutId)
      .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "layout.saved",
      entityType: "layout",
      entityId: layoutId,
      zoneId,
      after: {
        stalls: document.stalls.length,
        failing: checks.filter((c) => !c.passed).map((c) => c.id),
      },
      now,
    });
    return { ok: true, checks } as const;
  });
}

async function officeUserIds(trx: Kysely<Database>) {
  return (await trx.selectFrom("users").select("id").where("role", "=", "office").execute()).map(
    (u) => u.id,
  );
}

async function zoneManagerIds(trx: Kysely<Database>, zoneId: number) {
  return (
    await trx.selectFrom("zone_managers").select("user_id").where("zone_id", "=", zoneId).execute()
  ).map((m) => m.user_id);
}

export async function submitLayout(
  db: Kysely<Database>,
  { layoutId, zoneId, userId }: { layoutId: number; zoneId: number; userId: number },
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const layout = await trx
      .selectFrom("layouts")
      .innerJoin("zones", "zones.id", "layouts.zone_id")
      .select(["layouts.version", "zones.name_zh", "zones.name_en"])
      .where("layouts.id", "=", layoutId)
      .where("layouts.zone_id", "=", zoneId)
      .where("layouts.status", "=", "draft")
      .executeTakeFirst();
    if (!layout) return false;
    await trx
      .updateTable("layouts")
      .set({
        status: "submitted",
        submitted_at: now.toISOString(),
        submitted_by: userId,
        review_comment: null,
        updated_at: now.toISOString(),
      })
      .where("id", "=", layoutId)
      .execute();
    for (const officeId of await officeUserIds(trx))
      await notify(trx, {
        userId: officeId,
        kind: "layout",
        messageKey: "inbox.layoutSubmitted",
        params: { market: layout.name_zh, marketEn: layout.name_en, version: layout.version },
        link: `/manage/layouts/${layoutId}`,
        now,
      });
    await writeAudit(trx, {
      actorUserId: userId,
      action: "layout.submitted",
      entityType: "layout",
      entityId: layoutId,
      zoneId,
      before: { status: "draft" },
      after: { status: "submitted" },
      now,
    });
    return true;
  });
}

export async function returnLayout(
  db: Kysely<Database>,
  { layoutId, userId, comment }: { layoutId: number; userId: number; comment: string },
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const layout = await trx
      .selectFrom("layouts")
      .innerJoin("zones", "zones.id", "layouts.zone_id")
      .select([
        "layouts.zone_id",
        "layouts.version",
        "zones.slug",
        "zones.name_zh",
        "zones.name_en",
      ])
      .where("layouts.id", "=", layoutId)
      .where("layouts.status", "=", "submitted")
      .executeTakeFirst();
    if (!layout) return false;
    await trx
      .updateTable("layouts")
      .set({
        status: "returned",
        review_comment: comment,
        decided_by: userId,
        decided_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where("id", "=", layoutId)
      .execute();
    for (const managerId of await zoneManagerIds(trx, layout.zone_id))
      await notify(trx, {
        userId: managerId,
        kind: "layout",
        messageKey: "inbox.layoutReturned",
        params: {
          market: layout.name_zh,
          marketEn: layout.name_en,
          version: layout.version,
          comment,
        },
        link: `/manage/zones/${layout.slug}/layout`,
        now,
      });
    await writeAudit(trx, {
      actorUserId: userId,
      action: "layout.returned",
      entityType: "layout",
      entityId: layoutId,
      zoneId: layout.zone_id,
      before: { status: "submitted" },
      after: { status: "returned", comment },
      now,
    });
    return true;
  });
}

export type ApproveResult =
  | { ok: true; kept: number; moved: number; cancelled: number }
  | { ok: false; code: "notSubmitted" | "reasonNeeded" };

/**
 * Makes a submitted version the bookable one. Bookings still to come on the old layout follow
 * their stall's code to the new layout; where the code is gone, to the nearest free stall that
 * takes the vendor's category, else they are cancelled without penalty. Every vendor concerned is
 * told; all of it is one transaction, audited.
 */
export async function approveLayout(
  db: Kysely<Database>,
  { layoutId, userId, reason }: { layoutId: number; userId: number; reason?: string },
  now: Date,
): Promise<ApproveResult> {
  return inTransaction(db, async (trx) => {
    const layout = await trx
      .selectFrom("layouts")
      .innerJoin("zones", "zones.id", "layouts.zone_id")
      .select([
        "layouts.id",
        "layouts.zone_id",
        "layouts.version",
        "layouts.boundary",
        "layouts.checks",
        "layouts.submitted_by",
        "zones.slug",
        "zones.name_zh",
        "zones.name_en",
        "zones.time_zone",
      ])
      .where("layouts.id", "=", layoutId)
      .where("layouts.status", "=", "submitted")
      .executeTakeFirst();
    if (!layout) return { ok: false, code: "notSubmitted" } as const;
    const document = (await loadLayoutDocument(trx, layoutId))!;
    // Checked again now: the rules may have changed since the last save.
    const checks = runChecks(document, await getLayoutRules(trx, layout.zone_id));
    const failing = checks.filter((c) => !c.passed).map((c) => c.id);
    const why = reason?.trim() ?? "";
    if (failing.length > 0 && !why) return { ok: false, code: "reasonNeeded" } as const;

    const old = await approvedLayout(trx, layout.zone_id);
    if (old)
      await trx
        .updateTable("layouts")
        .set({ status: "superseded", updated_at: now.toISOString() })
        .where("id", "=", old.id)
        .execute();
    await trx
      .updateTable("layouts")
      .set({
        status: "approved",
        checks: JSON.stringify(checks),
        checks_passed: failing.length ? 0 : 1,
        override_reason: failing.length ? why : null,
        decided_by: userId,
        decided_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where("id", "=", layoutId)
      .execute();
    await trx
      .updateTable("zones")
      .set({
        ...(layout.boundary ? { boundary: layout.boundary } : {}),
        extinguisher_count: document.extinguishers.length,
        updated_at: now.toISOString(),
      })
      .where("id", "=", layout.zone_id)
      .execute();

    const counts = old
      ? await carryBookingsOver(trx, {
          zoneId: layout.zone_id,
          fromLayoutId: old.id,
          toLayoutId: layoutId,
          market: { zh: layout.name_zh, en: layout.name_en },
          timeZone: layout.time_zone,
          userId,
          now,
        })
      : { kept: 0, moved: 0, cancelled: 0 };

    for (const id of await zoneManagerIds(trx, layout.zone_id))
      await notify(trx, {
        userId: id,
        kind: "layout",
        messageKey: "inbox.layoutApproved",
        params: { market: layout.name_zh, marketEn: layout.name_en, version: layout.version },
        link: `/manage/zones/${layout.slug}/layout`,
        now,
      });
    await writeAudit(trx, {
      actorUserId: userId,
      action: "layout.approved",
      entityType: "layout",
      entityId: layoutId,
      zoneId: layout.zone_id,
      before: { status: "submitted", replaces: old?.version ?? null },
      after: { status: "approved", failing, reason: failing.length ? why : null, ...counts },
      now,
    });
    return { ok: true, ...counts } as const;
  });
}

/** What a submitted version changes, against the version in use. */
export async function layoutChanges(db: Kysely<Database>, layoutId: number, zoneId: number) {
  const [document, approved] = await Promise.all([
    loadLayoutDocument(db, layoutId),
    approvedLayout(db, zoneId),
  ]);
  const before = approved ? await loadLayoutDocument(db, approved.id) : undefined;
  return diffLayouts(before?.stalls ?? [], document?.stalls ?? []);
}

export async function listSubmittedLayouts(db: Kysely<Database>) {
  return db
    .selectFrom("layouts")
    .innerJoin("zones", "zones.id", "layouts.zone_id")
    .leftJoin("users", "users.id", "layouts.submitted_by")
    .select([
      "layouts.id",
      "layouts.version",
      "layouts.submitted_at",
      "layouts.checks_passed",
      "zones.slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "users.display_name as submitted_by_name",
    ])
    .where("layouts.status", "=", "submitted")
    .orderBy("layouts.submitted_at")
    .execute();
}

export async function getLayout(db: Kysely<Database>, layoutId: number) {
  return db
    .selectFrom("layouts")
    .innerJoin("zones", "zones.id", "layouts.zone_id")
    .leftJoin("users", "users.id", "layouts.submitted_by")
    .selectAll("layouts")
    .select([
      "zones.slug",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
      "users.display_name as submitted_by_name",
    ])
    .where("layouts.id", "=", layoutId)
    .executeTakeFirst();
}

export function storedChecks(layout: Pick<Layout, "checks">): CheckResult[] {
  return layout.checks ? (JSON.parse(layout.checks) as CheckResult[]) : [];
}
