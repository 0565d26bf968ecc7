// Records a test needs, made straight in the database.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { requiredDocuments } from "~/domain/documents";
import type { Database } from "../schema";
import { zoneSpecs } from "../demo/zones";
import { seedZone } from "../seed";
import { inTransaction } from "../transaction";

let counter = 0;

/** An approved vendor of `category` holding every paper it needs, valid until 2030. */
export async function createApprovedVendor(
  db: Kysely<Database>,
  category = "fresh_produce",
  { name }: { name?: string } = {},
) {
  counter += 1;
  const at = new Date().toISOString();
  const phone = `136${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(5, "0")}`;
  const user = await db
    .insertInto("users")
    .values({
      phone,
      phone_verified_at: at,
      email: null,
      password_hash: "x",
      display_name: name ?? `测试摊主${counter}`,
      role: "vendor",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const vendor = await db
    .insertInto("vendors")
    .values({
      user_id: user.id,
      name_en: null,
      legal_name: `测试${counter}`,
      category_slug: category,
      products: "测试",
      products_en: null,
      home_community: null,
      status: "approved",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const needs = await db
    .selectFrom("categories")
    .selectAll()
    .where("slug", "=", category)
    .executeTakeFirstOrThrow();
  for (const [kind] of requiredDocuments(needs)) {
    await db
      .insertInto("documents")
      .values({
        vendor_id: vendor.id,
        kind: kind!,
        original_name: "test.pdf",
        stored_name: `${randomBytes(16).toString("hex")}.pdf`,
        content_type: "application/pdf",
        size_bytes: 1,
        expires_on: "2030-12-31",
        uploaded_at: at,
      })
      .execute();
  }
  return { vendorId: vendor.id, userId: user.id, phone };
}

/** A zone's approved stalls that take a category, in code order. */
export async function stallsTaking(db: Kysely<Database>, zoneSlug: string, category: string) {
  return db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .innerJoin("zones", "zones.id", "layouts.zone_id")
    .innerJoin("stall_categories", "stall_categories.stall_id", "stalls.id")
    .select(["stalls.id", "stalls.code", "stalls.fee_fen", "zones.id as zone_id"])
    .where("zones.slug", "=", zoneSlug)
    .where("layouts.status", "=", "approved")
    .where("stall_categories.category_slug", "=", category)
    .orderBy("stalls.code")
    .execute();
}

/** The stalls of a zone that take a category and nobody holds in one session. */
export async function freeStallsTaking(
  db: Kysely<Database>,
  zoneSlug: string,
  category: string,
  { localDate, sessionKey }: { localDate: string; sessionKey: string },
) {
  const taken = new Set(
    (
      await db
        .selectFrom("bookings")
        .select("stall_id")
        .where("local_date", "=", localDate)
        .where("session_key", "=", sessionKey)
        .where("status", "in", ["pending", "confirmed", "checked_in"])
        .execute()
    ).map((b) => b.stall_id),
  );
  return (await stallsTaking(db, zoneSlug, category)).filter((s) => !taken.has(s.id));
}

export async function templateKey(db: Kysely<Database>, zoneSlug: string, kind: string) {
  const row = await db
    .selectFrom("session_templates")
    .innerJoin("zones", "zones.id", "session_templates.zone_id")
    .select("session_templates.id")
    .where("zones.slug", "=", zoneSlug)
    .where("session_templates.kind", "=", kind as "morning")
    .executeTakeFirstOrThrow();
  return `t${row.id}`;
}

/** The bookings holding a stall in a session: never more than one, whatever happened. */
export async function activeBookingsOf(
  db: Kysely<Database>,
  { stallId, localDate, sessionKey }: { stallId: number; localDate: string; sessionKey: string },
) {
  return db
    .selectFrom("bookings")
    .select("id")
    .where("stall_id", "=", stallId)
    .where("local_date", "=", localDate)
    .where("session_key", "=", sessionKey)
    .where("status", "in", ["pending", "confirmed", "checked_in"])
    .execute();
}

/**
 * A market of a journey's own, laid out, scheduled and approved like the demo market `like`
 * (same rows and fire lanes), under another name and slug, in a place of its own, run by `managerUserIds`. A
 * journey that changes a market (its layout, a closure, a day's check-ins, its reports) does it
 * here, so that journeys running in parallel never see each other's changes.
 */
export async function createZoneLike(
  db: Kysely<Database>,
  like: string,
  { name, managerUserIds }: { name: string; managerUserIds: number[] },
) {
  const spec = zoneSpecs.find((s) => s.slug === like);
  if (!spec) throw new Error(`No demo market ${like}`);
  counter += 1;
  const slug = `${like}-${process.pid}-${counter}`;
  await inTransaction(db, (trx) =>
    seedZone(trx, {
      ...spec,
      slug,
      name_zh: name,
      name_en: `${spec.name_en} (${name})`,
      // In the open ground north-east of the county seat, inside the demo's own extent (so the
      // county map keeps its zoom) and clear of every demo market's pin.
      east: 2600 + (counter % 8) * 250,
      north: 200 + (Math.floor(counter / 8) % 4) * 250,
    }),
  );
  const zone = await db
    .selectFrom("zones")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  for (const userId of managerUserIds)
    await db
      .insertInto("zone_managers")
      .values({ zone_id: zone.id, user_id: userId, created_at: at })
      .execute();
  return { zoneId: zone.id, slug, name };
}

/** A stall of a market's approved layout, by its code. */
export async function stallByCode(db: Kysely<Database>, zoneId: number, code: string) {
  return db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .select("stalls.id")
    .where("layouts.zone_id", "=", zoneId)
    .where("layouts.status", "=", "approved")
    .where("stalls.code", "=", code)
    .executeTakeFirstOrThrow();
}

/** The county office's user, as the demo seeds it: who opens a test's ballots and the like. */
export async function officeUserId(db: Kysely<Database>) {
  const office = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "office")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return office.id;
}
