// A generated year of a whole county's markets, for the scale run of `npm run bench`: by default
// 50 markets of 40 stalls each (every morning), 3,000 approved vendors and 500,000 bookings
// from eleven months back to two months ahead. Deterministic: the same counts give the same rows.
import type { Insertable, Kysely } from "kysely";
import { addDays, sessionsBetween } from "~/domain/calendar";
import { requiredDocuments } from "~/domain/documents";
import { localMoment } from "~/domain/market-hours";
import type { Database as Schema } from "../schema";
import { createBigZone } from "./big-zone";
import { inTransaction } from "../transaction";

export interface CountyYear {
  zones: number;
  vendors: number;
  bookings: number;
}

const ROWS = 4;
const PER_ROW = 10;
const PAST_DAYS = 300;
const AHEAD_DAYS = 65;
const AT = "2026-01-01T00:00:00.000Z";

/** A small, fast, seeded generator (mulberry32), so that the year is the same every time. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts rows a few hundred at a time: half a million one by one would take minutes. */
async function insertMany<T extends "users" | "vendors" | "documents" | "bookings">(
  db: Kysely<Schema>,
  table: T,
  rows: Insertable<Schema[T]>[],
  returning = false,
): Promise<number[]> {
  const ids: number[] = [];
  // 400 rows of at most 16 values stay under both engines' limits on parameters.
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const query = db.insertInto(table).values(chunk as never);
    if (returning) ids.push(...(await query.returning("id").execute()).map((r) => r.id));
    else await query.execute();
  }
  return ids;
}

/**
 * Adds the markets (their layouts go through the same seeding as the demo's), the vendors
 * with their papers, and the bookings, on either engine. Gives the slugs of the markets.
 */
export async function generateCountyYear(
  db: Kysely<Schema>,
  { zones, vendors, bookings }: CountyYear = { zones: 50, vendors: 3000, bookings: 500_000 },
  now = new Date(),
): Promise<{ slugs: string[]; vendors: number; bookings: number }> {
  // Each session of a market can fill its 20 stalls of each kind with 20 different vendors.
  const perZone = Math.floor(vendors / zones);
  if (Math.floor(perZone / 2) < (ROWS / 2) * PER_ROW)
    throw new Error(`A county year needs at least ${ROWS * PER_ROW} vendors a market`);
  const slugs: string[] = [];
  for (let z = 0; z < zones; z++) {
    // Side by side, 400 m apart, well away from the demo's markets.
    const slug = await createBigZone(db, {
      slug: `county-${String(z + 1).padStart(2, "0")}`,
      rows: ROWS,
      perRow: PER_ROW,
      east: 6000 + (z % 10) * 400,
      north: 6000 + Math.floor(z / 10) * 400,
    });
    slugs.push(slug);
  }
  const categories = new Map(
    (await db.selectFrom("categories").selectAll().execute()).map((c) => [c.slug, c]),
  );
  // Each market has its own vendors of both kinds: fresh produce for rows A and C, daily goods
  // for B and D (as createBigZone lays them out).
  const kinds = ["fresh_produce", "daily_goods"] as const;
  const people = Array.from({ length: perZone * zones }, (_, n) => ({
    n,
    zone: Math.floor(n / perZone),
    kind: n % 2,
  }));
  const userIds = await insertMany(
    db,
    "users",
    people.map(({ n }) => ({
      phone: `147${String(n).padStart(8, "0")}`,
      email: null,
      password_hash: "x",
      display_name: `摊主${n + 1}`,
      role: "vendor" as const,
      created_at: AT,
      updated_at: AT,
    })),
    true,
  );
  const vendorIds = await insertMany(
    db,
    "vendors",
    people.map(({ n, kind }, i) => ({
      user_id: userIds[i]!,
      name_en: `Vendor ${n + 1}`,
      legal_name: `县城摊主${n + 1}`,
      category_slug: kinds[kind]!,
      products: kind ? "日用杂货、小五金" : "时令蔬菜、水果",
      products_en: kind ? "Household goods" : "Vegetables and fruit",
      home_community: null,
      status: "approved" as const,
      submitted_at: AT,
      reviewed_at: AT,
      created_at: AT,
      updated_at: AT,
    })),
    true,
  );
  await insertMany(
    db,
    "documents",
    people.flatMap(({ n, kind }, i) =>
      requiredDocuments(categories.get(kinds[kind]!)!).map(([doc]) => ({
        vendor_id: vendorIds[i]!,
        kind: doc!,
        original_name: "scan.pdf",
        stored_name: `county-${n}-${doc}.pdf`,
        content_type: "application/pdf",
        size_bytes: 1,
        expires_on: "2031-12-31",
        uploaded_at: AT,
      })),
    ),
  );
  const pools = Array.from({ length: zones }, (_, z) =>
    [0, 1].map((kind) =>
      people.flatMap((p, i) => (p.zone === z && p.kind === kind ? [vendorIds[i]!] : [])),
    ),
  );

  const rand = random(20261128);
  const slots = zones * ROWS * PER_ROW * (PAST_DAYS + AHEAD_DAYS + 1);
  // Slot i is booked when it carries the running count past a whole number: exactly
  // `bookings` of the `slots`, spread evenly over markets, days and stalls.
  const wanted = Math.min(bookings, slots);
  let slot = 0;
  let inserted = 0;
  for (const [z, slug] of slugs.entries()) {
    const zone = await db
      .selectFrom("zones")
      .innerJoin("layouts", (j) =>
        j.onRef("layouts.zone_id", "=", "zones.id").on("layouts.status", "=", "approved"),
      )
      .select(["zones.id", "zones.time_zone", "layouts.id as layout_id"])
      .where("zones.slug", "=", slug)
      .executeTakeFirstOrThrow();
    const stalls = await db
      .selectFrom("stalls")
      .select(["id", "fee_fen"])
      .where("layout_id", "=", zone.layout_id)
      .orderBy("code")
      .execute();
    const templates = await db
      .selectFrom("session_templates")
      .selectAll()
      .where("zone_id", "=", zone.id)
      .execute();
    const today = localMoment(now, zone.time_zone).date;
    const sessions = sessionsBetween({
      timeZone: zone.time_zone,
      templates,
      closures: [],
      events: [],
      from: addDays(today, -PAST_DAYS),
      to: addDays(today, AHEAD_DAYS),
    });
    const rows: Insertable<Schema["bookings"]>[] = [];
    for (const [d, session] of sessions.entries()) {
      const past = Date.parse(session.endsAt) < now.getTime();
      for (const [s, stall] of stalls.entries()) {
        slot += 1;
        if (Math.floor((slot * wanted) / slots) === Math.floor(((slot - 1) * wanted) / slots))
          continue;
        // Row r takes kind r % 2; within a kind the twenty stalls of a session get twenty
        // different vendors, a different twenty or so each day.
        const row = Math.floor(s / PER_ROW);
        const pool = pools[z]![row % 2]!;
        const vendor = pool[((s % PER_ROW) + Math.floor(row / 2) * PER_ROW + d * 7) % pool.length]!;
        const roll = rand();
        const status = !past
          ? "confirmed"
          : roll < 0.9
            ? "checked_in"
            : roll < 0.95
              ? "no_show"
              : "cancelled";
        rows.push({
          zone_id: zone.id,
          stall_id: stall.id,
          vendor_id: vendor,
          local_date: session.localDate,
          session_key: session.key,
          starts_at: session.startsAt,
          ends_at: session.endsAt,
          status,
          fee_fen: stall.fee_fen,
          fee_collected_fen: status === "checked_in" ? stall.fee_fen : null,
          idempotency_key: `county-${zone.id}-${stall.id}-${session.localDate}`,
          cancelled_at: status === "cancelled" ? session.startsAt : null,
          checked_in_at: status === "checked_in" ? session.startsAt : null,
          created_at: AT,
          updated_at: AT,
        });
      }
    }
    await inTransaction(db, (trx) => insertMany(trx, "bookings", rows));
    inserted += rows.length;
  }
  return { slugs, vendors: perZone * zones, bookings: inserted };
}
