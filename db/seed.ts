// Demo data for Huguan County. Idempotent: what exists already (by slug, phone or zone) is left
// as it is, so `npm start` can run it every time without undoing anyone's changes.
import type { Kysely } from "kysely";
import { offset, rectangle, type Position } from "../app/domain/geo";
import { requiredDocuments } from "../app/domain/documents";
import { hashPassword } from "../app/utils/password.server";
import { saveUpload } from "../app/utils/uploads.server";
import { DEMO_EXPIRY, demoDocumentPdf } from "./demo/documents";
import { createDb } from "./connect";
import { COUNTY_SEAT, zoneSpecs, type ZoneSpec } from "./demo/zones";
import { layoutFeatures } from "./demo/layout-features";
import { demoInspections, demoReports } from "./demo/operations";
import { REGULAR_AHEAD_DAYS, REGULAR_PAST_DAYS, regularSpecs } from "./demo/bookings";
import { addDays, sessionsBetween, weekStart } from "../app/domain/calendar";
import { HOLDING_STATUSES } from "../app/domain/booking-rules";
import { getBookingSettings } from "../app/models/zone-calendar.server";
import { localMoment } from "../app/domain/market-hours";
import { seedFinishedBallot, seedOpenBallot } from "./demo/ballots";
import { seedIntegrity } from "./demo/integrity";
import { seedPrices } from "./demo/prices";
import { categorySpecs, DEMO_PASSWORDS, staffSpecs, vendorPhone, vendorSpecs } from "./demo/people";
import { isMainModule, migrateToLatest } from "./migrate";
import type { Database } from "./schema";
import { inTransaction } from "./transaction";

/** A fixed instant, so that the demo database is the same on every machine. */
const SEEDED_AT = "2026-11-01T00:00:00.000Z";

const flag = (value: boolean | undefined): 0 | 1 => (value ? 1 : 0);

export function zoneGeometry(spec: ZoneSpec) {
  const origin: Position = offset(COUNTY_SEAT, spec.east, spec.north);
  const boundary = rectangle(origin, 0, 0, spec.width, spec.height, spec.rotation);
  const stalls = spec.rows.flatMap((row) =>
    Array.from({ length: row.count }, (_, i) => ({
      code: `${row.letter}-${String(i + 1).padStart(2, "0")}`,
      geometry: rectangle(
        origin,
        row.x + i * (row.width + row.gap),
        row.y,
        row.width,
        row.depth,
        spec.rotation,
      ),
      row,
    })),
  );
  return { boundary, stalls };
}

async function seedCategories(trx: Kysely<Database>) {
  for (const [index, c] of categorySpecs.entries()) {
    await trx
      .insertInto("categories")
      .values({
        slug: c.slug,
        name_zh: c.name_zh,
        name_en: c.name_en,
        sort_order: index + 1,
        needs_health_certificate: c.health,
        needs_food_permit: c.permit,
        public_welfare: c.welfare,
      })
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
  }
}

export async function seedZone(trx: Kysely<Database>, spec: ZoneSpec) {
  const { boundary, stalls } = zoneGeometry(spec);
  const features = layoutFeatures(spec);
  await trx
    .insertInto("zones")
    .values({
      slug: spec.slug,
      name_zh: spec.name_zh,
      name_en: spec.name_en,
      kind: spec.kind,
      boundary: JSON.stringify(boundary),
      time_zone: "Asia/Shanghai",
      address_zh: spec.address_zh,
      address_en: spec.address_en,
      description_zh: spec.description_zh,
      description_en: spec.description_en,
      has_water: flag(spec.facilities.water),
      has_power: flag(spec.facilities.power),
      has_toilets: flag(spec.facilities.toilets),
      has_cold_storage: flag(spec.facilities.coldStorage),
      has_parking: flag(spec.facilities.parking),
      // As many as the layout places (db/demo/layout-features.ts).
      extinguisher_count: features.filter((f) => f.kind === "extinguisher").length,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    })
    .onConflict((oc) => oc.column("slug").doNothing())
    .execute();
  const zone = await trx
    .selectFrom("zones")
    .select("id")
    .where("slug", "=", spec.slug)
    .executeTakeFirstOrThrow();

  const hasTemplates = await trx
    .selectFrom("session_templates")
    .select("id")
    .where("zone_id", "=", zone.id)
    .executeTakeFirst();
  if (!hasTemplates) {
    await trx
      .insertInto("session_templates")
      .values(
        spec.sessions.map((s) => ({
          zone_id: zone.id,
          kind: s.kind,
          weekdays: s.weekdays,
          start_time: s.start,
          end_time: s.end,
          created_at: SEEDED_AT,
        })),
      )
      .execute();
  }

  const hasLayout = await trx
    .selectFrom("layouts")
    .select("id")
    .where("zone_id", "=", zone.id)
    .executeTakeFirst();
  if (hasLayout) return;
  const layout = await trx
    .insertInto("layouts")
    .values({
      zone_id: zone.id,
      version: 1,
      status: "approved",
      notes: "Demo layout",
      boundary: JSON.stringify(boundary),
      created_at: SEEDED_AT,
      submitted_at: SEEDED_AT,
      decided_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (features.length)
    await trx
      .insertInto("layout_features")
      .values(
        features.map((f) => ({
          layout_id: layout.id,
          kind: f.kind,
          geometry: JSON.stringify(f.geometry),
          width_m: f.width_m,
        })),
      )
      .execute();
  for (const stall of stalls) {
    const { id } = await trx
      .insertInto("stalls")
      .values({
        layout_id: layout.id,
        code: stall.code,
        geometry: JSON.stringify(stall.geometry),
        width_m: stall.row.width,
        depth_m: stall.row.depth,
        has_power: flag(stall.row.power),
        has_water: flag(stall.row.water),
        fee_fen: stall.row.feeFen,
        public_welfare: flag(stall.row.publicWelfare),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("stall_categories")
      .values(stall.row.categories.map((slug) => ({ stall_id: id, category_slug: slug })))
      .execute();
  }
}

async function upsertUser(
  trx: Kysely<Database>,
  user: { phone: string; email?: string; display_name: string; role: Database["users"]["role"] },
  passwordHash: string,
): Promise<number> {
  await trx
    .insertInto("users")
    .values({
      phone: user.phone,
      // The demo's people have their own phones: verified, so they can sign in at once.
      phone_verified_at: SEEDED_AT,
      email: user.email ?? null,
      display_name: user.display_name,
      role: user.role,
      password_hash: passwordHash,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    })
    .onConflict((oc) => oc.column("phone").doNothing())
    .execute();
  const row = await trx
    .selectFrom("users")
    .select("id")
    .where("phone", "=", user.phone)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Every demo vendor holds the papers their category needs (the first of each "one of" list),
 * as demo PDFs in UPLOAD_DIR, so approved vendors are approved for a reason and the pending
 * one has something for a manager to review.
 */
async function seedDocuments(db: Kysely<Database>) {
  const vendors = await db
    .selectFrom("vendors")
    .innerJoin("categories", "categories.slug", "vendors.category_slug")
    .leftJoin("documents", "documents.vendor_id", "vendors.id")
    .select([
      "vendors.id",
      "vendors.name_en",
      "categories.needs_health_certificate",
      "categories.needs_food_permit",
      "categories.public_welfare",
    ])
    .where("documents.id", "is", null)
    .where("vendors.created_at", "=", SEEDED_AT)
    .execute();
  for (const vendor of vendors) {
    for (const [kind] of requiredDocuments(vendor)) {
      if (!kind) continue;
      const expiresOn = DEMO_EXPIRY[kind];
      const pdf = demoDocumentPdf(kind, vendor.name_en ?? `Vendor ${vendor.id}`, expiresOn);
      const storedName = await saveUpload(pdf, "pdf");
      await db
        .insertInto("documents")
        .values({
          vendor_id: vendor.id,
          kind,
          original_name: `${kind}.pdf`,
          stored_name: storedName,
          content_type: "application/pdf",
          size_bytes: pdf.byteLength,
          expires_on: expiresOn,
          uploaded_at: SEEDED_AT,
        })
        .execute();
    }
  }
}

export async function seed(db: Kysely<Database>) {
  // One hash per demo password: hashing is deliberately slow, and these are shared demo secrets.
  const [officeHash, managerHash, vendorHash] = await Promise.all([
    hashPassword(DEMO_PASSWORDS.office),
    hashPassword(DEMO_PASSWORDS.manager),
    hashPassword(DEMO_PASSWORDS.vendor),
  ]);

  await inTransaction(db, async (trx) => {
    await seedCategories(trx);
    for (const spec of zoneSpecs) await seedZone(trx, spec);

    for (const staff of staffSpecs) {
      const userId = await upsertUser(
        trx,
        staff,
        staff.role === "office" ? officeHash : managerHash,
      );
      for (const slug of staff.zones) {
        const zone = await trx
          .selectFrom("zones")
          .select("id")
          .where("slug", "=", slug)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto(staff.role === "clerk" ? "counter_zones" : "zone_managers")
          .values({ zone_id: zone.id, user_id: userId, created_at: SEEDED_AT })
          .onConflict((oc) => oc.columns(["zone_id", "user_id"]).doNothing())
          .execute();
      }
    }

    for (const [index, v] of vendorSpecs.entries()) {
      const userId = await upsertUser(
        trx,
        { phone: vendorPhone(index), email: v.email, display_name: v.name_zh, role: "vendor" },
        vendorHash,
      );
      await trx
        .insertInto("vendors")
        .values({
          user_id: userId,
          name_en: v.name_en,
          legal_name: v.legal_name,
          category_slug: v.category,
          products: v.products,
          products_en: v.products_en,
          home_community: v.community,
          status: v.status ?? "approved",
          created_at: SEEDED_AT,
          updated_at: SEEDED_AT,
        })
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
    }
  });
  await seedDocuments(db);
  await seedFinishedBallot(db);
}

/**
 * The regulars' bookings around `now`: checked in for the past four weeks, confirmed for the
 * next two. Dates follow the clock, so it runs apart from `seed` (the unit tests' template
 * stays the same every day) and again on every start, topping up the days that came into range.
 * A stall someone else has booked meanwhile is left to them. A regular keeps to the market's
 * rules like everyone else: one session a day, and one fewer a week than the weekly quota, so
 * each can still book a stall somewhere else.
 */
export async function seedRegulars(db: Kysely<Database>, now = new Date()) {
  await inTransaction(db, async (trx) => {
    for (const spec of regularSpecs) {
      const zone = await trx
        .selectFrom("zones")
        .innerJoin("layouts", (j) =>
          j.onRef("layouts.zone_id", "=", "zones.id").on("layouts.status", "=", "approved"),
        )
        .select(["zones.id", "zones.time_zone", "layouts.id as layout_id"])
        .where("zones.slug", "=", spec.zone)
        .executeTakeFirstOrThrow();
      const [templates, closures, events] = await Promise.all([
        trx.selectFrom("session_templates").selectAll().where("zone_id", "=", zone.id).execute(),
        trx.selectFrom("closures").selectAll().where("zone_id", "=", zone.id).execute(),
        trx.selectFrom("market_events").selectAll().where("zone_id", "=", zone.id).execute(),
      ]);
      const today = localMoment(now, zone.time_zone).date;
      const sessions = sessionsBetween({
        timeZone: zone.time_zone,
        templates,
        closures,
        events,
        from: addDays(today, -REGULAR_PAST_DAYS),
        to: addDays(today, REGULAR_AHEAD_DAYS),
      });
      const { weeklyQuota } = await getBookingSettings(trx, zone.id);
      const sessionsOfDay = new Map<string, typeof sessions>();
      for (const s of sessions)
        sessionsOfDay.set(s.localDate, [...(sessionsOfDay.get(s.localDate) ?? []), s]);
      for (const [number, code] of spec.stalls) {
        const who = await trx
          .selectFrom("vendors")
          .innerJoin("users", "users.id", "vendors.user_id")
          .select("vendors.id")
          .where("users.phone", "=", vendorPhone(number - 1))
          .executeTakeFirstOrThrow();
        const stall = await trx
          .selectFrom("stalls")
          .select(["id", "fee_fen"])
          .where("layout_id", "=", zone.layout_id)
          .where("code", "=", code)
          .executeTakeFirstOrThrow();
        // What they hold already, from earlier runs or other markets, counts towards the rules.
        const held = await trx
          .selectFrom("bookings")
          .select("local_date")
          .where("vendor_id", "=", who.id)
          .where("status", "in", HOLDING_STATUSES)
          .where("local_date", ">=", weekStart(addDays(today, -REGULAR_PAST_DAYS)))
          .where("local_date", "<=", addDays(weekStart(addDays(today, REGULAR_AHEAD_DAYS)), 6))
          .execute();
        const days = new Set(held.map((b) => b.local_date));
        const perWeek = new Map<string, number>();
        for (const b of held)
          perWeek.set(weekStart(b.local_date), (perWeek.get(weekStart(b.local_date)) ?? 0) + 1);
        // Two days off a week, different for each regular, so every day has some of them; on a
        // day with a morning and an evening market, odd numbers come in the evening.
        const daysOff = [number % 7, (number + 3) % 7];
        for (const s of sessions) {
          const week = weekStart(s.localDate);
          if (daysOff.includes(new Date(`${s.localDate}T00:00:00Z`).getUTCDay())) continue;
          const same = sessionsOfDay.get(s.localDate)!;
          if (same[number % same.length] !== s) continue;
          if (days.has(s.localDate) || (perWeek.get(week) ?? 0) >= weeklyQuota - 1) continue;
          days.add(s.localDate);
          perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
          const past = Date.parse(s.endsAt) < now.getTime();
          await trx
            .insertInto("bookings")
            .values({
              zone_id: zone.id,
              stall_id: stall.id,
              vendor_id: who.id,
              local_date: s.localDate,
              session_key: s.key,
              starts_at: s.startsAt,
              ends_at: s.endsAt,
              status: past ? "checked_in" : "confirmed",
              fee_fen: stall.fee_fen,
              fee_collected_fen: past ? stall.fee_fen : null,
              checked_in_at: past ? new Date(Date.parse(s.startsAt) + 600_000).toISOString() : null,
              idempotency_key: `demo-${who.id}-${s.localDate}-${s.key}`,
              created_at: SEEDED_AT,
              updated_at: SEEDED_AT,
            })
            // Already there, or the stall is someone else's that session: either way, leave it.
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      }
    }
  });
}

/**
 * A few weeks of running each market: reports and their answers, and two inspections. Added
 * once per market (a market that has any keeps what it has), dated relative to `now`.
 */
export async function seedOperations(db: Kysely<Database>, now = new Date()) {
  const day = 86_400_000;
  await inTransaction(db, async (trx) => {
    const zones = await trx.selectFrom("zones").select(["id", "time_zone"]).orderBy("id").execute();
    for (const zone of zones) {
      const manager = await trx
        .selectFrom("zone_managers")
        .select("user_id")
        .where("zone_id", "=", zone.id)
        .executeTakeFirst();
      const hasReports = await trx
        .selectFrom("problem_reports")
        .select("id")
        .where("zone_id", "=", zone.id)
        .executeTakeFirst();
      if (!hasReports)
        for (const [n, r] of demoReports.entries()) {
          const created = new Date(now.getTime() - r.daysAgo * day);
          const finished =
            r.tookHours === null ? null : new Date(created.getTime() + r.tookHours * 3_600_000);
          await trx
            .insertInto("problem_reports")
            .values({
              zone_id: zone.id,
              code: `DEMO${String(zone.id).padStart(2, "0")}${String(n + 1).padStart(2, "0")}`,
              category: r.category,
              description: r.description,
              status: finished ? "resolved" : "in_progress",
              assigned_to: manager?.user_id ?? null,
              reply: r.reply,
              due_at: new Date(created.getTime() + 48 * 3_600_000).toISOString(),
              created_at: created.toISOString(),
              updated_at: (finished ?? created).toISOString(),
              finished_at: finished?.toISOString() ?? null,
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      const hasInspections = await trx
        .selectFrom("inspections")
        .select("id")
        .where("zone_id", "=", zone.id)
        .executeTakeFirst();
      if (!hasInspections)
        for (const i of demoInspections) {
          const date = localMoment(new Date(now.getTime() - i.daysAgo * day), zone.time_zone).date;
          await trx
            .insertInto("inspections")
            .values({
              zone_id: zone.id,
              local_date: date,
              session_key: null,
              inspector_user_id: manager?.user_id ?? null,
              result: i.hygiene === "issue" ? "issues" : "pass",
              checklist: JSON.stringify({
                extinguishers: "ok",
                fireLanes: "ok",
                electrical: "ok",
                hygiene: i.hygiene,
                weights: "ok",
              }),
              findings: i.findings,
              created_at: new Date(now.getTime() - i.daysAgo * day).toISOString(),
            })
            .execute();
        }
    }
  });
  await seedOpenBallot(db, now);
  await seedPrices(db, now);
  await seedIntegrity(db, now);
}

if (isMainModule(import.meta)) {
  const db = createDb();
  try {
    await migrateToLatest(db);
    await seed(db);
    await seedRegulars(db);
    await seedOperations(db);
    const zones = await db
      .selectFrom("zones")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const stalls = await db
      .selectFrom("stalls")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const vendors = await db
      .selectFrom("vendors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    console.log(`Demo data ready: ${zones.n} markets, ${stalls.n} stalls, ${vendors.n} vendors.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
