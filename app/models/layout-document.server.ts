// A layout version's content as a document (boundary, stalls with their attributes, fire
// lanes, exits and points): read from and written to its rows. The version lifecycle (drafts,
// submission, approval) is layout.server.ts.
import type { Kysely } from "kysely";
import type { Database, LayoutFeatureKind } from "#db/schema";
import { parsePolygon, stallSize, type Position } from "~/domain/geo";
import type { LayoutDocument } from "~/domain/layout-document";

/** A stored layout as a document: what the editor, the checks and the diff work on. */
export async function loadLayoutDocument(
  db: Kysely<Database>,
  layoutId: number,
): Promise<LayoutDocument | undefined> {
  const layout = await db
    .selectFrom("layouts")
    .innerJoin("zones", "zones.id", "layouts.zone_id")
    .select(["layouts.boundary", "zones.boundary as zone_boundary"])
    .where("layouts.id", "=", layoutId)
    .executeTakeFirst();
  if (!layout) return undefined;
  const [stalls, categories, features] = await Promise.all([
    db.selectFrom("stalls").selectAll().where("layout_id", "=", layoutId).orderBy("code").execute(),
    db
      .selectFrom("stall_categories")
      .innerJoin("stalls", "stalls.id", "stall_categories.stall_id")
      .select(["stall_categories.stall_id", "stall_categories.category_slug"])
      .where("stalls.layout_id", "=", layoutId)
      .execute(),
    db
      .selectFrom("layout_features")
      .selectAll()
      .where("layout_id", "=", layoutId)
      .orderBy("id")
      .execute(),
  ]);
  const categoriesOf = new Map<number, string[]>();
  for (const c of categories)
    categoriesOf.set(c.stall_id, [...(categoriesOf.get(c.stall_id) ?? []), c.category_slug]);
  const points = (kind: LayoutFeatureKind) =>
    features
      .filter((f) => f.kind === kind)
      .map((f) => (JSON.parse(f.geometry) as { coordinates: Position }).coordinates);
  return {
    boundary:
      parsePolygon(layout.boundary ?? layout.zone_boundary)?.coordinates[0] ??
      parsePolygon(layout.zone_boundary)?.coordinates[0] ??
      [],
    stalls: stalls.map((s) => ({
      code: s.code,
      ring: parsePolygon(s.geometry)?.coordinates[0] ?? [],
      categories: categoriesOf.get(s.id) ?? [],
      power: s.has_power === 1,
      water: s.has_water === 1,
      feeFen: s.fee_fen,
      publicWelfare: s.public_welfare === 1,
    })),
    fireLanes: features
      .filter((f) => f.kind === "fire_lane")
      .map((f) => ({
        line: (JSON.parse(f.geometry) as { coordinates: Position[] }).coordinates,
        widthM: f.width_m,
      })),
    exits: points("exit"),
    extinguishers: points("extinguisher"),
    waterPoints: points("water_point"),
    powerPoints: points("power_point"),
  };
}

/** Replaces a version's stalls and features with the document's. */
export async function writeDocument(
  trx: Kysely<Database>,
  layoutId: number,
  document: LayoutDocument,
) {
  await trx.deleteFrom("stalls").where("layout_id", "=", layoutId).execute();
  await trx.deleteFrom("layout_features").where("layout_id", "=", layoutId).execute();
  const origin = document.boundary[0]!;
  // In slices: SQLite takes at most 32,766 parameters a statement.
  for (let i = 0; i < document.stalls.length; i += 500) {
    const slice = document.stalls.slice(i, i + 500);
    const ids = await trx
      .insertInto("stalls")
      .values(
        slice.map((s) => {
          const [width, depth] = stallSize(s.ring, origin);
          return {
            layout_id: layoutId,
            code: s.code,
            geometry: JSON.stringify({ type: "Polygon", coordinates: [s.ring] }),
            width_m: width,
            depth_m: depth,
            has_power: s.power ? (1 as const) : (0 as const),
            has_water: s.water ? (1 as const) : (0 as const),
            fee_fen: s.feeFen,
            public_welfare: s.publicWelfare ? (1 as const) : (0 as const),
          };
        }),
      )
      .returning(["id", "code"])
      .execute();
    const idOf = new Map(ids.map((r) => [r.code, r.id]));
    const categories = slice.flatMap((s) =>
      s.categories.map((c) => ({ stall_id: idOf.get(s.code)!, category_slug: c })),
    );
    for (let j = 0; j < categories.length; j += 2000)
      await trx
        .insertInto("stall_categories")
        .values(categories.slice(j, j + 2000))
        .execute();
  }
  const features = [
    ...document.fireLanes.map((l) => ({
      kind: "fire_lane" as const,
      geometry: { type: "LineString", coordinates: l.line },
      width_m: l.widthM,
    })),
    ...(
      [
        ["exit", document.exits],
        ["extinguisher", document.extinguishers],
        ["water_point", document.waterPoints],
        ["power_point", document.powerPoints],
      ] as const
    ).flatMap(([kind, list]) =>
      list.map((p) => ({ kind, geometry: { type: "Point", coordinates: p }, width_m: null })),
    ),
  ];
  for (let i = 0; i < features.length; i += 500)
    await trx
      .insertInto("layout_features")
      .values(
        features.slice(i, i + 500).map((f) => ({
          layout_id: layoutId,
          kind: f.kind,
          geometry: JSON.stringify(f.geometry),
          width_m: f.width_m,
        })),
      )
      .execute();
}
