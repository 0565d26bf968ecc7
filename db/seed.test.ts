// The demo data a newcomer sees first: real GeoJSON, stalls inside their market, none overlapping.
import { check } from "@placemarkio/check-geojson";
import { area, bbox, booleanWithin, featureCollection, intersect, polygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { detectDocumentType, missingDocuments } from "~/domain/documents";
import { db } from "~/utils/db.server";
import { readUpload } from "~/utils/uploads.server";
import { vendorSpecs } from "./demo/people";
import { zoneSpecs } from "./demo/zones";
import { seed } from "./seed";
import { stallsTaking } from "./testing/factories";

type Ring = [number, number][];

async function zonesWithStalls() {
  const zones = await db.selectFrom("zones").selectAll().orderBy("id").execute();
  const stalls = await db
    .selectFrom("stalls")
    .innerJoin("layouts", "layouts.id", "stalls.layout_id")
    .select(["layouts.zone_id", "stalls.code", "stalls.geometry", "stalls.id"])
    .where("layouts.status", "=", "approved")
    .execute();
  return zones.map((zone) => ({ zone, stalls: stalls.filter((s) => s.zone_id === zone.id) }));
}

function bboxesTouch(a: number[], b: number[]) {
  return a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
}

describe("the demo seed", () => {
  it("has at least six markets of every kind around Huguan's county seat", async () => {
    const zones = await db.selectFrom("zones").selectAll().execute();
    expect(zones.length).toBeGreaterThanOrEqual(6);
    expect(new Set(zones.map((z) => z.kind))).toEqual(
      new Set(["community", "street", "park", "night", "rural"]),
    );
    for (const zone of zones) {
      const [minX, minY, maxX, maxY] = bbox(JSON.parse(zone.boundary));
      expect(minY, zone.slug).toBeGreaterThan(36.0);
      expect(maxY, zone.slug).toBeLessThan(36.2);
      expect(minX, zone.slug).toBeGreaterThan(113.1);
      expect(maxX, zone.slug).toBeLessThan(113.3);
      // Believable size: between a courtyard and a few football pitches.
      const m2 = area(JSON.parse(zone.boundary));
      expect(m2, zone.slug).toBeGreaterThan(500);
      expect(m2, zone.slug).toBeLessThan(20_000);
    }
    const names = zones.map((z) => z.name_zh).join();
    for (const place of ["福馨", "水塔", "城北"]) expect(names).toContain(place);
  });

  it("stores valid GeoJSON for every boundary and stall", async () => {
    for (const { zone, stalls } of await zonesWithStalls()) {
      const features = [zone.boundary, ...stalls.map((s) => s.geometry)].map((geometry) => ({
        type: "Feature",
        properties: {},
        geometry: JSON.parse(geometry),
      }));
      expect(
        () => check(JSON.stringify({ type: "FeatureCollection", features })),
        zone.slug,
      ).not.toThrow();
    }
  });

  it("gives every market an approved layout of 20 to 80 stalls", async () => {
    for (const { zone, stalls } of await zonesWithStalls()) {
      expect(stalls.length, zone.slug).toBeGreaterThanOrEqual(20);
      expect(stalls.length, zone.slug).toBeLessThanOrEqual(80);
    }
  });

  it("puts every stall inside its market and no two stalls on top of each other", async () => {
    for (const { zone, stalls } of await zonesWithStalls()) {
      const boundary = polygon(JSON.parse(zone.boundary).coordinates as Ring[]);
      const shapes = stalls.map((s) => ({
        code: s.code,
        shape: polygon(JSON.parse(s.geometry).coordinates as Ring[]),
      }));
      for (const { code, shape } of shapes) {
        expect(booleanWithin(shape, boundary), `${zone.slug} ${code}`).toBe(true);
      }
      const boxes = shapes.map((s) => bbox(s.shape));
      for (let i = 0; i < shapes.length; i++) {
        for (let j = i + 1; j < shapes.length; j++) {
          if (!bboxesTouch(boxes[i]!, boxes[j]!)) continue;
          const overlap = intersect(featureCollection([shapes[i]!.shape, shapes[j]!.shape]));
          const shared = overlap ? area(overlap) : 0;
          expect(shared, `${zone.slug} ${shapes[i]!.code} × ${shapes[j]!.code}`).toBeLessThan(0.01);
        }
      }
    }
  });

  it("lets every stall take at least one category, and public-welfare stalls are free", async () => {
    const stalls = await db
      .selectFrom("stalls")
      .leftJoin("stall_categories", "stall_categories.stall_id", "stalls.id")
      .select([
        "stalls.id",
        "stalls.fee_fen",
        "stalls.public_welfare",
        "stall_categories.category_slug",
      ])
      .execute();
    const withoutCategory = stalls.filter((s) => s.category_slug === null);
    expect(withoutCategory).toEqual([]);
    for (const stall of stalls.filter((s) => s.public_welfare === 1)) expect(stall.fee_fen).toBe(0);
    expect(stalls.some((s) => s.public_welfare === 1)).toBe(true);
  });

  it("has about forty vendors across every category, one of them waiting for review", async () => {
    const vendors = await db.selectFrom("vendors").selectAll().execute();
    const categories = await db.selectFrom("categories").select("slug").execute();
    expect(vendors.length).toBeGreaterThanOrEqual(40);
    expect(new Set(vendors.map((v) => v.category_slug))).toEqual(
      new Set(categories.map((c) => c.slug)),
    );
    expect(vendors.filter((v) => v.status === "pending")).toHaveLength(1);
    for (const v of vendors) {
      expect(v.products_en, v.legal_name).toBeTruthy();
      expect(v.name_en, v.legal_name).toBeTruthy();
    }
  });

  it("gives every demo vendor the papers their category needs, as real files", async () => {
    const vendors = await db
      .selectFrom("vendors")
      .innerJoin("categories", "categories.slug", "vendors.category_slug")
      .select([
        "vendors.id",
        "categories.needs_health_certificate",
        "categories.needs_food_permit",
        "categories.public_welfare",
      ])
      .execute();
    const documents = await db.selectFrom("documents").selectAll().execute();
    const today = "2026-11-28";
    for (const vendor of vendors) {
      const held = documents.filter((d) => d.vendor_id === vendor.id);
      expect(missingDocuments(vendor, held, today), `vendor ${vendor.id}`).toEqual([]);
      for (const doc of held) {
        expect(detectDocumentType(await readUpload(doc.stored_name))?.contentType).toBe(
          doc.content_type,
        );
      }
    }
  });

  it("assigns each manager their zones", async () => {
    const rows = await db
      .selectFrom("zone_managers")
      .innerJoin("users", "users.id", "zone_managers.user_id")
      .select(["users.email", "zone_managers.zone_id"])
      .execute();
    const byManager = new Map<string, number>();
    for (const row of rows)
      byManager.set(row.email ?? "", (byManager.get(row.email ?? "") ?? 0) + 1);
    expect(byManager.get("manager.longquan@jishi.example")).toBe(3);
    expect(byManager.get("manager.parks@jishi.example")).toBe(4);
  });

  it("is idempotent: a second run adds nothing and keeps changes made since", async () => {
    const count = async (table: "zones" | "stalls" | "users" | "vendors" | "session_templates") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await db
      .updateTable("zones")
      .set({ name_en: "Renamed" })
      .where("slug", "=", "fuxin-community")
      .execute();
    const before = await Promise.all(
      (["zones", "stalls", "users", "vendors", "session_templates"] as const).map(count),
    );
    await seed(db);
    const after = await Promise.all(
      (["zones", "stalls", "users", "vendors", "session_templates"] as const).map(count),
    );
    expect(after).toEqual(before);
    expect(before[0]).toBe(zoneSpecs.length);
    expect(before[3]).toBe(vendorSpecs.length);
    const zone = await db
      .selectFrom("zones")
      .select("name_en")
      .where("slug", "=", "fuxin-community")
      .executeTakeFirstOrThrow();
    expect(zone.name_en).toBe("Renamed");
  });
});

describe("the demo layouts", () => {
  it("pass every safety check with the default rules", async () => {
    const { loadLayoutDocument, runChecks } = await import("~/models/layout.server");
    const { DEFAULT_LAYOUT_RULES } = await import("~/domain/layout-checks");
    const layouts = await db
      .selectFrom("layouts")
      .innerJoin("zones", "zones.id", "layouts.zone_id")
      .select(["layouts.id", "zones.slug"])
      .where("layouts.status", "=", "approved")
      .execute();
    expect(layouts).toHaveLength(zoneSpecs.length);
    for (const layout of layouts) {
      const document = (await loadLayoutDocument(db, layout.id))!;
      expect(document.fireLanes.length, layout.slug).toBe(1);
      const failing = runChecks(document, DEFAULT_LAYOUT_RULES).filter((c) => !c.passed);
      expect(failing, layout.slug).toEqual([]);
    }
  });
});

describe("the demo's weeks of running", () => {
  it("give every market answered reports and two inspections, once", async () => {
    const { seedOperations, seedRegulars } = await import("./seed");
    const now = new Date("2026-11-28T04:00:00Z");
    // The integrity records follow the regulars' bookings, as `npm run seed` makes them.
    await seedRegulars(db, now);
    await seedOperations(db, now);
    await seedOperations(db, now);
    const zones = await db.selectFrom("zones").select("id").execute();
    const reports = await db
      .selectFrom("problem_reports")
      .select(["zone_id", "status", "reply"])
      .execute();
    const inspections = await db
      .selectFrom("inspections")
      .select(["zone_id", "local_date"])
      .execute();
    expect(reports).toHaveLength(zones.length * 3);
    // And the one that found a price board missing: a warning on the vendor's integrity record.
    expect(inspections).toHaveLength(zones.length * 2 + 1);
    expect(reports.filter((r) => r.status === "resolved").every((r) => r.reply)).toBe(true);
    expect(
      inspections
        .map((i) => i.local_date)
        .sort()
        .at(-1),
    ).toBe("2026-11-24");
    const { integrityMarks, vendorIntegrity } = await import("~/models/integrity.server");
    const named = await db
      .selectFrom("vendors")
      .innerJoin("users", "users.id", "vendors.user_id")
      .select(["vendors.id", "users.display_name"])
      .execute();
    const id = (name: string) => named.find((v) => v.display_name === name)!.id;
    const warned = await vendorIntegrity(db, id("宋家鲜果"), "2026-11-28");
    expect(warned.events.map((e) => [e.kind, e.effect])).toEqual([["prices_not_shown", "warning"]]);
    expect(warned.score.remaining).toBe(12);
    const marks = await integrityMarks(
      db,
      named.map((v) => v.id),
      "2026-11-28",
    );
    expect([...marks.keys()].sort()).toEqual(
      [id("申记壶关羊汤"), id("太行山小米"), id("牛家豆腐坊")].sort(),
    );
    expect(new Set(marks.values())).toEqual(new Set(["2026-Q3"]));
  });
});

describe("the demo's regulars", () => {
  it("keep the booking rules: one session a day, below the weekly quota, so each can book elsewhere", async () => {
    const { seedRegulars } = await import("./seed");
    const { weekStart, addDays } = await import("~/domain/calendar");
    const { bookStall, newIdempotencyKey } = await import("~/models/booking.server");
    const { vendorPhone } = await import("./demo/people");
    const { regularSpecs } = await import("./demo/bookings");
    const now = new Date("2026-11-28T04:00:00Z");
    // Twice, a week apart, as `npm start` tops the days up.
    await seedRegulars(db, now);
    await seedRegulars(db, new Date(now.getTime() + 7 * 86_400_000));
    const rows = await db
      .selectFrom("bookings")
      .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
      .innerJoin("users", "users.id", "vendors.user_id")
      .select(["users.phone", "bookings.local_date", "bookings.vendor_id"])
      .where("bookings.status", "in", ["pending", "confirmed", "checked_in"])
      .execute();
    const regulars = new Set(
      regularSpecs.flatMap((z) => z.stalls.map(([n]) => vendorPhone(n - 1))),
    );
    const weeks = new Map<string, number>();
    const days = new Map<string, number>();
    for (const r of rows.filter((r) => regulars.has(r.phone!))) {
      const w = `${r.phone} ${weekStart(r.local_date)}`;
      weeks.set(w, (weeks.get(w) ?? 0) + 1);
      days.set(`${r.phone} ${r.local_date}`, (days.get(`${r.phone} ${r.local_date}`) ?? 0) + 1);
    }
    expect(weeks.size).toBeGreaterThan(100);
    expect(Math.max(...weeks.values())).toBe(5);
    expect(Math.max(...days.values())).toBe(1);

    // A regular of Fuxin books a free stall at Shuita on a day they do not stand at Fuxin.
    const regular = rows.find((r) => r.phone === vendorPhone(11 - 1))!;
    const theirDays = new Set(
      rows.filter((r) => r.vendor_id === regular.vendor_id).map((r) => r.local_date),
    );
    const template = await db
      .selectFrom("session_templates")
      .innerJoin("zones", "zones.id", "session_templates.zone_id")
      .select(["session_templates.id", "session_templates.weekdays"])
      .where("zones.slug", "=", "shuita-community")
      .orderBy("session_templates.id")
      .executeTakeFirstOrThrow();
    // The first day from 1 December (three days ahead) that Shuita opens and they are free.
    const isoWeekday = (d: string) =>
      String(((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);
    let date = "2026-12-01";
    while (theirDays.has(date) || !template.weekdays.includes(isoWeekday(date)))
      date = addDays(date, 1);
    const { category_slug } = await db
      .selectFrom("vendors")
      .select("category_slug")
      .where("id", "=", regular.vendor_id)
      .executeTakeFirstOrThrow();
    const taken = new Set(
      (
        await db
          .selectFrom("bookings")
          .select("stall_id")
          .where("local_date", "=", date)
          .where("status", "in", ["pending", "confirmed", "checked_in"])
          .execute()
      ).map((b) => b.stall_id),
    );
    const free = (await stallsTaking(db, "shuita-community", category_slug)).find(
      (st) => !taken.has(st.id),
    )!;
    const result = await bookStall(
      db,
      {
        vendorId: regular.vendor_id,
        stallId: free.id,
        localDate: date,
        sessionKey: `t${template.id}`,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });
});
