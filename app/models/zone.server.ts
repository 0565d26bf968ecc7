import type { Kysely, QueryExecutor } from "kysely";
import { parsePolygon, type Position } from "~/domain/geo";
import { keptReference } from "./reference.server";
import type { Database, SessionTemplate, Zone } from "#db/schema";

export interface StallSummary {
  count: number;
  minFeeFen: number;
  maxFeeFen: number;
  publicWelfare: number;
}

export type ZoneWithSchedule = Zone & {
  templates: Pick<SessionTemplate, "kind" | "weekdays" | "start_time" | "end_time">[];
  stalls: StallSummary | null;
  layoutVersion: number | null;
};

/**
 * Zones with their session templates and a summary of their approved layout, in three queries
 * whatever the number of zones. `zoneIds` narrows the list (a manager's zones).
 */
export async function listZonesWithSchedule(
  db: Kysely<Database>,
  { zoneIds, activeOnly = true }: { zoneIds?: number[]; activeOnly?: boolean } = {},
): Promise<ZoneWithSchedule[]> {
  if (zoneIds && zoneIds.length === 0) return [];
  let zonesQuery = db.selectFrom("zones").selectAll().orderBy("id");
  if (activeOnly) zonesQuery = zonesQuery.where("status", "=", "active");
  if (zoneIds) zonesQuery = zonesQuery.where("id", "in", zoneIds);
  const zones = await zonesQuery.execute();
  if (zones.length === 0) return [];
  const ids = zones.map((z) => z.id);

  const [templates, layouts] = await Promise.all([
    db
      .selectFrom("session_templates")
      .select(["zone_id", "kind", "weekdays", "start_time", "end_time"])
      .where("zone_id", "in", ids)
      .orderBy("start_time")
      .execute(),
    db
      .selectFrom("layouts")
      .innerJoin("stalls", "stalls.layout_id", "layouts.id")
      .select((eb) => [
        "layouts.zone_id",
        "layouts.version",
        eb.fn.countAll<number>().as("count"),
        eb.fn.min<number>("stalls.fee_fen").as("min_fee"),
        eb.fn.max<number>("stalls.fee_fen").as("max_fee"),
        eb.fn.sum<number>("stalls.public_welfare").as("public_welfare"),
      ])
      .where("layouts.status", "=", "approved")
      .where("layouts.zone_id", "in", ids)
      .groupBy(["layouts.zone_id", "layouts.version"])
      .execute(),
  ]);

  return zones.map((zone) => {
    const layout = layouts.find((l) => l.zone_id === zone.id);
    return {
      ...zone,
      templates: templates
        .filter((t) => t.zone_id === zone.id)
        .map(({ kind, weekdays, start_time, end_time }) => ({
          kind,
          weekdays,
          start_time,
          end_time,
        })),
      layoutVersion: layout?.version ?? null,
      stalls: layout
        ? {
            count: Number(layout.count),
            minFeeFen: Number(layout.min_fee),
            maxFeeFen: Number(layout.max_fee),
            publicWelfare: Number(layout.public_welfare),
          }
        : null,
    };
  });
}

/** The ids of the zones a manager is assigned to. */
export async function managedZoneIds(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("zone_managers")
    .select("zone_id")
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => r.zone_id);
}

/** A zone's managers, by name: who a report can be handed to. */
export async function zoneManagers(db: Kysely<Database>, zoneId: number) {
  return db
    .selectFrom("zone_managers")
    .innerJoin("users", "users.id", "zone_managers.user_id")
    .select(["users.id", "users.display_name"])
    .where("zone_managers.zone_id", "=", zoneId)
    .orderBy("users.display_name")
    .execute();
}

/** Every zone's name, in id order, for filters and lists. */
export async function listZoneNames(db: Kysely<Database>, { activeOnly = false } = {}) {
  let query = db.selectFrom("zones").select(["id", "slug", "name_zh", "name_en"]).orderBy("id");
  if (activeOnly) query = query.where("status", "=", "active");
  return query.execute();
}

export async function managersByZone(db: Kysely<Database>, zoneIds: number[]) {
  if (zoneIds.length === 0) return new Map<number, string[]>();
  const rows = await db
    .selectFrom("zone_managers")
    .innerJoin("users", "users.id", "zone_managers.user_id")
    .select(["zone_managers.zone_id", "users.display_name"])
    .where("zone_managers.zone_id", "in", zoneIds)
    .orderBy("users.display_name")
    .execute();
  const byZone = new Map<number, string[]>();
  for (const row of rows)
    byZone.set(row.zone_id, [...(byZone.get(row.zone_id) ?? []), row.display_name]);
  return byZone;
}

export type ApprovedStall = Awaited<ReturnType<typeof loadLayoutStalls>>[number];

async function loadLayoutStalls(db: Kysely<Database>, layoutId: number) {
  const [stalls, categories] = await Promise.all([
    db
      .selectFrom("stalls")
      .select([
        "id",
        "layout_id",
        "code",
        "geometry",
        "width_m",
        "depth_m",
        "has_power",
        "has_water",
        "fee_fen",
        "public_welfare",
      ])
      .where("layout_id", "=", layoutId)
      .orderBy("code")
      .execute(),
    db
      .selectFrom("stall_categories")
      .innerJoin("stalls", "stalls.id", "stall_categories.stall_id")
      .select(["stall_categories.stall_id", "stall_categories.category_slug"])
      .where("stalls.layout_id", "=", layoutId)
      .execute(),
  ]);
  // Indexed once: a layout may hold 2,000 stalls.
  const categoriesOf = new Map<number, string[]>();
  for (const c of categories)
    categoriesOf.set(c.stall_id, [...(categoriesOf.get(c.stall_id) ?? []), c.category_slug]);
  return stalls.map((stall) => ({
    ...stall,
    categories: categoriesOf.get(stall.id) ?? [],
    /** The outline, [lng, lat] to 1e-7 degrees (about a centimetre). */
    ring: (parsePolygon(stall.geometry)?.coordinates[0] ?? []).map(
      ([lng, lat]) => [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7] as Position,
    ),
  }));
}

// An approved layout never changes (a new one is a new version with new stalls), so its stalls
// are read once and kept: pages with a 2,000-stall map need not read and parse them each time.
// Kept by the database's executor: a page's own handle (`pageDb`) shares them with `db`.
const kept = new WeakMap<QueryExecutor, Map<number, Promise<ApprovedStall[]>>>();
const KEPT_LAYOUTS = 200;

/** The stalls of a zone's approved layout, each with the categories it may sell. */
export async function approvedStalls(db: Kysely<Database>, zoneId: number) {
  const layout = await keptReference(db, `approved-layout:${zoneId}`, (db) =>
    db
      .selectFrom("layouts")
      .select("id")
      .where("zone_id", "=", zoneId)
      .where("status", "=", "approved")
      .executeTakeFirst(),
  );
  return layout ? keptLayoutStalls(db, layout.id) : [];
}

/**
 * The stalls of a layout that is or was approved (the public's), kept; undefined for a draft, a
 * layout under review or a rejected one, whose stalls are the managers' and the office's only.
 */
export async function publishedLayoutStalls(db: Kysely<Database>, layoutId: number) {
  const layout = await db
    .selectFrom("layouts")
    .select("id")
    .where("id", "=", layoutId)
    .where("status", "in", ["approved", "superseded"])
    .executeTakeFirst();
  return layout ? keptLayoutStalls(db, layout.id) : undefined;
}

/** Only for a layout that was approved: such a layout's stalls never change. */
function keptLayoutStalls(db: Kysely<Database>, layoutId: number) {
  const executor = db.getExecutor();
  const layoutStalls = kept.get(executor) ?? new Map<number, Promise<ApprovedStall[]>>();
  kept.set(executor, layoutStalls);
  let stalls = layoutStalls.get(layoutId);
  if (!stalls) {
    stalls = loadLayoutStalls(db, layoutId);
    layoutStalls.set(layoutId, stalls);
    stalls.catch(() => layoutStalls.delete(layoutId));
    if (layoutStalls.size > KEPT_LAYOUTS) layoutStalls.delete(layoutStalls.keys().next().value!);
  }
  return stalls;
}
