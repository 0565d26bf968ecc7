// The integrity record (issue 20): events recorded from their sources, a zone manager's annulment,
// a vendor's appeal and the office's decision, each audited and told to the vendor. Points are
// worked out, never stored (app/domain/integrity.ts).
import type { Kysely } from "kysely";
import type { Database, IntegrityKind, IntegritySource } from "#db/schema";
import {
  INTEGRITY_KINDS,
  integrityMark,
  mayAnnul,
  mayAppeal,
  mayDecide,
  previousQuarter,
  quarterDates,
  quarterOf,
  scoreQuarter,
  type EventLike,
  type IntegrityRule,
} from "~/domain/integrity";
import { inTransaction } from "#db/transaction";
import { writeAudit } from "./audit.server";
import { notify } from "./notification.server";

/** The county's rules, in the order vendors read them. */
export async function integrityRules(db: Kysely<Database>): Promise<IntegrityRule[]> {
  const rows = await db.selectFrom("integrity_rules").select(["kind", "points", "minor"]).execute();
  return INTEGRITY_KINDS.flatMap((kind) => rows.filter((r) => r.kind === kind));
}

/** The office changes what each kind of event costs; events already recorded keep theirs. */
export async function saveIntegrityRules(
  db: Kysely<Database>,
  { userId, rules }: { userId: number; rules: IntegrityRule[] },
  now: Date,
) {
  await inTransaction(db, async (trx) => {
    const before = await integrityRules(trx);
    for (const rule of rules)
      await trx
        .updateTable("integrity_rules")
        .set({
          points: rule.points,
          minor: rule.minor,
          updated_at: now.toISOString(),
          updated_by: userId,
        })
        .where("kind", "=", rule.kind)
        .execute();
    await writeAudit(trx, {
      actorUserId: userId,
      action: "integrity.rules",
      entityType: "integrity_rules",
      entityId: null,
      before,
      after: rules,
      now,
    });
  });
}

export interface NewIntegrityEvent {
  vendorId: number;
  zoneId: number;
  kind: IntegrityKind;
  sourceType: IntegritySource;
  sourceId: number;
  localDate: string;
  /** The source's own words: the report's answer, the inspector's note. */
  reason: string;
  actorUserId: number | null;
}

/**
 * Records an event from its source, at the county's rule of the day, in the caller's
 * transaction. A source is recorded once: a second call for it changes nothing.
 */
export async function recordIntegrityEvent(
  trx: Kysely<Database>,
  input: NewIntegrityEvent,
  now: Date,
) {
  const rule = await trx
    .selectFrom("integrity_rules")
    .select(["points", "minor"])
    .where("kind", "=", input.kind)
    .executeTakeFirstOrThrow();
  const inserted = await trx
    .insertInto("integrity_events")
    .values({
      vendor_id: input.vendorId,
      zone_id: input.zoneId,
      kind: input.kind,
      source_type: input.sourceType,
      source_id: input.sourceId,
      local_date: input.localDate,
      points: rule.points,
      minor: rule.minor,
      reason: input.reason,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["source_type", "source_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return null;
  const vendor = await trx
    .selectFrom("vendors")
    .select("user_id")
    .where("id", "=", input.vendorId)
    .executeTakeFirstOrThrow();
  await notify(trx, {
    userId: vendor.user_id,
    kind: "integrity",
    messageKey: "inbox.integrityRecorded",
    params: { date: input.localDate },
    link: "/vendor/integrity",
    now,
  });
  await writeAudit(trx, {
    actorUserId: input.actorUserId,
    action: "integrity.recorded",
    entityType: "integrity_event",
    entityId: inserted.id,
    zoneId: input.zoneId,
    after: {
      vendor: input.vendorId,
      kind: input.kind,
      source: `${input.sourceType}:${input.sourceId}`,
      points: rule.points,
      minor: rule.minor,
    },
    now,
  });
  return inserted.id;
}

/** Events with where they came from, newest first: what the vendor and the managers read. */
function eventsWithSources(db: Kysely<Database>) {
  return db
    .selectFrom("integrity_events as e")
    .innerJoin("zones", "zones.id", "e.zone_id")
    .innerJoin("vendors", "vendors.id", "e.vendor_id")
    .innerJoin("users", "users.id", "vendors.user_id")
    .leftJoin("bookings", (join) =>
      join.onRef("bookings.id", "=", "e.source_id").on("e.source_type", "=", "booking"),
    )
    .leftJoin("stalls", "stalls.id", "bookings.stall_id")
    .leftJoin("problem_reports", (join) =>
      join.onRef("problem_reports.id", "=", "e.source_id").on("e.source_type", "=", "report"),
    )
    .leftJoin("inspection_findings as f", (join) =>
      join.onRef("f.id", "=", "e.source_id").on("e.source_type", "=", "inspection_finding"),
    )
    .select([
      "e.id",
      "e.vendor_id",
      "e.zone_id",
      "e.kind",
      "e.source_type",
      "e.local_date",
      "e.points",
      "e.minor",
      "e.reason",
      "e.created_at",
      "e.annulled_at",
      "e.annul_reason",
      "e.appeal_text",
      "e.appealed_at",
      "e.appeal_state",
      "e.appeal_note",
      "zones.name_zh as zone_zh",
      "zones.name_en as zone_en",
      "zones.slug as zone_slug",
      "users.display_name as vendor_name",
      "stalls.code as booking_stall",
      "bookings.session_key",
      "problem_reports.code as report_code",
      "f.stall_code as finding_stall",
      "f.inspection_id",
    ])
    .orderBy("e.local_date", "desc")
    .orderBy("e.id", "desc");
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventsWithSources>["execute"]>>[number];

/** Each event with its effect on its quarter, the quarter worked out from all its events. */
function withEffects(rows: EventRow[], allOfVendors: (EventLike & { vendor_id: number })[]) {
  const byKey = new Map<string, EventLike[]>();
  for (const e of allOfVendors) {
    const key = `${e.vendor_id}:${quarterOf(e.local_date)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), e]);
  }
  const scores = new Map([...byKey].map(([key, events]) => [key, scoreQuarter(events)]));
  return rows.map((row) => {
    const quarter = quarterOf(row.local_date);
    const effect = scores.get(`${row.vendor_id}:${quarter}`)!.effects.get(row.id)!;
    return {
      ...row,
      quarter,
      effect: effect.effect,
      deducts: effect.points,
      mayAppeal: mayAppeal(row),
      mayAnnul: mayAnnul(row),
      mayDecide: mayDecide(row),
    };
  });
}

export type IntegrityEventRow = ReturnType<typeof withEffects>[number];

const scoreColumns = [
  "id",
  "vendor_id",
  "local_date",
  "points",
  "minor",
  "annulled_at",
  "appeal_state",
] as const;

/** A vendor's whole record: this quarter's points, every event with its source, and the mark. */
export async function vendorIntegrity(db: Kysely<Database>, vendorId: number, today: string) {
  const [rows, all, mark] = await Promise.all([
    eventsWithSources(db).where("e.vendor_id", "=", vendorId).execute(),
    db
      .selectFrom("integrity_events")
      .select(scoreColumns)
      .where("vendor_id", "=", vendorId)
      .execute(),
    integrityMarks(db, [vendorId], today),
  ]);
  const quarter = quarterOf(today);
  const events = withEffects(rows, all);
  return {
    quarter,
    score: scoreQuarter(all.filter((e) => quarterOf(e.local_date) === quarter)),
    events,
    mark: mark.get(vendorId) ?? null,
  };
}

/** This quarter's points left and the mark, for the vendor's home page. */
export async function integritySummary(db: Kysely<Database>, vendorId: number, today: string) {
  const { first, last } = quarterDates(quarterOf(today));
  const [events, marks] = await Promise.all([
    db
      .selectFrom("integrity_events")
      .select(scoreColumns)
      .where("vendor_id", "=", vendorId)
      .where("local_date", ">=", first)
      .where("local_date", "<=", last)
      .execute(),
    integrityMarks(db, [vendorId], today),
  ]);
  return { remaining: scoreQuarter(events).remaining, mark: marks.get(vendorId) ?? null };
}

/** Which of these vendors hold the 诚信摊主 mark today, and for which quarter. */
export async function integrityMarks(
  db: Kysely<Database>,
  vendorIds: number[],
  today: string,
): Promise<Map<number, string>> {
  if (vendorIds.length === 0) return new Map();
  const quarter = previousQuarter(quarterOf(today));
  const { first, last } = quarterDates(quarter);
  const [traded, events] = await Promise.all([
    db
      .selectFrom("bookings")
      .select("vendor_id")
      .distinct()
      .where("vendor_id", "in", vendorIds)
      .where("status", "=", "checked_in")
      .where("local_date", ">=", first)
      .where("local_date", "<=", last)
      .execute(),
    db
      .selectFrom("integrity_events")
      .select(scoreColumns)
      .where("vendor_id", "in", vendorIds)
      .where("local_date", ">=", first)
      .where("local_date", "<=", last)
      .execute(),
  ]);
  const tradedIds = new Set(traded.map((t) => t.vendor_id));
  const marks = new Map<number, string>();
  for (const id of vendorIds) {
    const mark = integrityMark(
      today,
      tradedIds.has(id) ? new Set([quarter]) : new Set(),
      new Map([[quarter, events.filter((e) => e.vendor_id === id)]]),
    );
    if (mark) marks.set(id, mark);
  }
  return marks;
}

/** The events of the zones a manager runs (the office: every zone's), newest first. */
export async function zoneIntegrityEvents(
  db: Kysely<Database>,
  zoneIds: number[] | undefined,
  limit = 50,
) {
  if (zoneIds?.length === 0) return [];
  let query = eventsWithSources(db);
  if (zoneIds) query = query.where("e.zone_id", "in", zoneIds);
  const rows = await query.limit(limit).execute();
  return withEffects(rows, await eventsOfVendors(db, rows));
}

/** Appeals waiting for the office, oldest first. */
export async function pendingAppeals(db: Kysely<Database>) {
  const rows = await eventsWithSources(db)
    .where("e.appeal_state", "=", "pending")
    .clearOrderBy()
    .orderBy("e.appealed_at")
    .execute();
  return withEffects(rows, await eventsOfVendors(db, rows));
}

async function eventsOfVendors(db: Kysely<Database>, rows: { vendor_id: number }[]) {
  const ids = [...new Set(rows.map((r) => r.vendor_id))];
  return ids.length
    ? db.selectFrom("integrity_events").select(scoreColumns).where("vendor_id", "in", ids).execute()
    : [];
}

export type IntegrityRefusal = "notFound" | "notAllowed";

async function eventFor(trx: Kysely<Database>, eventId: number) {
  return trx
    .selectFrom("integrity_events")
    .innerJoin("vendors", "vendors.id", "integrity_events.vendor_id")
    .select([
      "integrity_events.id",
      "integrity_events.zone_id",
      "integrity_events.vendor_id",
      "integrity_events.local_date",
      "integrity_events.annulled_at",
      "integrity_events.appeal_state",
      "vendors.user_id",
    ])
    .where("integrity_events.id", "=", eventId)
    .executeTakeFirst();
}

/** A zone's manager takes an event off the record, with the reason the vendor reads. */
export async function annulIntegrityEvent(
  db: Kysely<Database>,
  {
    eventId,
    userId,
    zoneIds,
    reason,
  }: { eventId: number; userId: number; zoneIds: number[]; reason: string },
  now: Date,
): Promise<IntegrityRefusal | null> {
  return inTransaction(db, async (trx) => {
    const event = await eventFor(trx, eventId);
    if (!event || !zoneIds.includes(event.zone_id)) return "notFound";
    if (!mayAnnul(event)) return "notAllowed";
    await trx
      .updateTable("integrity_events")
      .set({ annulled_at: now.toISOString(), annulled_by: userId, annul_reason: reason })
      .where("id", "=", eventId)
      .execute();
    await notify(trx, {
      userId: event.user_id,
      kind: "integrity",
      messageKey: "inbox.integrityAnnulled",
      params: { date: event.local_date, reason },
      link: "/vendor/integrity",
      now,
    });
    await writeAudit(trx, {
      actorUserId: userId,
      action: "integrity.annul",
      entityType: "integrity_event",
      entityId: eventId,
      zoneId: event.zone_id,
      before: { annulled: false },
      after: { annulled: true, reason },
      now,
    });
    return null;
  });
}

/** The vendor (or a service counter for them) asks the county office to look again. */
export async function appealIntegrityEvent(
  db: Kysely<Database>,
  {
    eventId,
    vendorId,
    text,
    clerkUserId,
  }: { eventId: number; vendorId: number; text: string; clerkUserId?: number },
  now: Date,
): Promise<IntegrityRefusal | null> {
  return inTransaction(db, async (trx) => {
    const event = await eventFor(trx, eventId);
    if (!event || event.vendor_id !== vendorId) return "notFound";
    if (!mayAppeal(event)) return "notAllowed";
    await trx
      .updateTable("integrity_events")
      .set({ appeal_text: text, appealed_at: now.toISOString(), appeal_state: "pending" })
      .where("id", "=", eventId)
      .execute();
    const office = await trx
      .selectFrom("users")
      .select("id")
      .where("role", "=", "office")
      .execute();
    for (const person of office)
      await notify(trx, {
        userId: person.id,
        kind: "integrity",
        messageKey: "inbox.appealReceived",
        params: { date: event.local_date },
        link: "/manage/integrity",
        now,
      });
    await writeAudit(trx, {
      actorUserId: clerkUserId ?? event.user_id,
      forVendorId: clerkUserId ? vendorId : null,
      action: "integrity.appeal",
      entityType: "integrity_event",
      entityId: eventId,
      zoneId: event.zone_id,
      before: { appeal: null },
      after: { appeal: "pending", text },
      now,
    });
    return null;
  });
}

/** The office's decision on an appeal: upheld gives the points back; either way with a note. */
export async function decideAppeal(
  db: Kysely<Database>,
  {
    eventId,
    userId,
    uphold,
    note,
  }: { eventId: number; userId: number; uphold: boolean; note: string },
  now: Date,
): Promise<IntegrityRefusal | null> {
  return inTransaction(db, async (trx) => {
    const event = await eventFor(trx, eventId);
    if (!event) return "notFound";
    if (!mayDecide(event)) return "notAllowed";
    const state = uphold ? "upheld" : "rejected";
    await trx
      .updateTable("integrity_events")
      .set({
        appeal_state: state,
        appeal_note: note,
        appeal_decided_at: now.toISOString(),
        appeal_decided_by: userId,
      })
      .where("id", "=", eventId)
      .execute();
    await notify(trx, {
      userId: event.user_id,
      kind: "integrity",
      messageKey: uphold ? "inbox.appealUpheld" : "inbox.appealRejected",
      params: { date: event.local_date, note },
      link: "/vendor/integrity",
      now,
    });
    await writeAudit(trx, {
      actorUserId: userId,
      action: `integrity.appeal.${state}`,
      entityType: "integrity_event",
      entityId: eventId,
      zoneId: event.zone_id,
      before: { appeal: "pending" },
      after: { appeal: state, note },
      now,
    });
    return null;
  });
}
