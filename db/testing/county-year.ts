// A generated year of a whole county's markets, for the scale run of `npm run bench`: by default
// 50 markets of 40 stalls each (every morning), 3,000 approved vendors and 500,000 bookings
// from eleven months back to two months ahead. Deterministic: the same counts give the same rows.
import Database from "better-sqlite3";
import type { Kysely } from "kysely";
import { addDays, sessionsBetween } from "~/domain/calendar";
import { requiredDocuments } from "~/domain/documents";
import { localMoment } from "~/domain/market-hours";
import type { Database as Schema } from "../schema";
import { createBigZone } from "./big-zone";

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

/**
 * Adds the markets with Kysely (their layouts go through the same seeding as the demo's), then
 * the vendors and bookings in bulk through better-sqlite3 directly: half a million inserts
 * one by one through the query builder would take minutes. Gives the slugs of the markets.
 */
export async function generateCountyYear(
  db: Kysely<Schema>,
  file: string,
  { zones, vendors, bookings }: CountyYear = { zones: 50, vendors: 3000, bookings: 500_000 },
  now = new Date(),
): Promise<{ slugs: string[]; vendors: number; bookings: number }> {
  // Each session of a market can fill its 20 stalls of each kind with 20 different vendors.
  if (Math.floor(vendors / zones / 2) < (ROWS / 2) * PER_ROW)
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
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  const rand = random(20261128);
  let inserted = 0;
  try {
    sqlite.transaction(() => {
      const categories = new Map(
        (
          sqlite.prepare("select * from categories").all() as {
            slug: string;
            needs_health_certificate: number;
            needs_food_permit: number;
            public_welfare: number;
          }[]
        ).map((c) => [c.slug, c]),
      );
      const addUser = sqlite.prepare(
        `insert into users (phone, email, password_hash, display_name, role, created_at, updated_at)
         values (?, null, 'x', ?, 'vendor', ?, ?)`,
      );
      const addVendor = sqlite.prepare(
        `insert into vendors (user_id, name_en, legal_name, category_slug, products, products_en,
           home_community, status, submitted_at, reviewed_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, null, 'approved', ?, ?, ?, ?)`,
      );
      const addDocument = sqlite.prepare(
        `insert into documents (vendor_id, kind, original_name, stored_name, content_type,
           size_bytes, expires_on, uploaded_at)
         values (?, ?, 'scan.pdf', ?, 'application/pdf', 1, '2031-12-31', ?)`,
      );
      // Each market's stalls take fresh produce in rows A and C, daily goods in B and D (as
      // createBigZone lays them out); each market has its own vendors of both kinds.
      const perZone = Math.floor(vendors / zones);
      const kinds = ["fresh_produce", "daily_goods"] as const;
      const vendorIds: number[][][] = [];
      for (let z = 0; z < zones; z++) {
        vendorIds.push([[], []]);
        for (let v = 0; v < perZone; v++) {
          const n = z * perZone + v;
          const kind = v % 2;
          const category = kinds[kind]!;
          const user = addUser.run(
            `147${String(n).padStart(8, "0")}`,
            `摊主${n + 1}`,
            AT,
            AT,
          ).lastInsertRowid;
          const vendor = Number(
            addVendor.run(
              user,
              `Vendor ${n + 1}`,
              `县城摊主${n + 1}`,
              category,
              kind ? "日用杂货、小五金" : "时令蔬菜、水果",
              kind ? "Household goods" : "Vegetables and fruit",
              AT,
              AT,
              AT,
              AT,
            ).lastInsertRowid,
          );
          for (const [doc] of requiredDocuments(categories.get(category)!))
            addDocument.run(vendor, doc!, `county-${n}-${doc}.pdf`, AT);
          vendorIds[z]![kind]!.push(vendor);
        }
      }

      const addBooking = sqlite.prepare(
        `insert into bookings (zone_id, stall_id, vendor_id, local_date, session_key, starts_at,
           ends_at, status, fee_fen, fee_collected_fen, idempotency_key, cancelled_at,
           checked_in_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const slots = zones * ROWS * PER_ROW * (PAST_DAYS + AHEAD_DAYS + 1);
      // Slot i is booked when it carries the running count past a whole number: exactly
      // `bookings` of the `slots`, spread evenly over markets, days and stalls.
      const wanted = Math.min(bookings, slots);
      let slot = 0;
      for (const [z, slug] of slugs.entries()) {
        const zone = sqlite
          .prepare(
            `select zones.id, zones.time_zone, layouts.id as layout_id from zones
             join layouts on layouts.zone_id = zones.id and layouts.status = 'approved'
             where zones.slug = ?`,
          )
          .get(slug) as { id: number; time_zone: string; layout_id: number };
        const stalls = sqlite
          .prepare("select id, fee_fen from stalls where layout_id = ? order by code")
          .all(zone.layout_id) as { id: number; fee_fen: number }[];
        const templates = sqlite
          .prepare("select * from session_templates where zone_id = ?")
          .all(zone.id) as Parameters<typeof sessionsBetween>[0]["templates"];
        const today = localMoment(now, zone.time_zone).date;
        const sessions = sessionsBetween({
          timeZone: zone.time_zone,
          templates,
          closures: [],
          events: [],
          from: addDays(today, -PAST_DAYS),
          to: addDays(today, AHEAD_DAYS),
        });
        for (const [d, session] of sessions.entries()) {
          const past = Date.parse(session.endsAt) < now.getTime();
          for (const [s, stall] of stalls.entries()) {
            slot += 1;
            if (Math.floor((slot * wanted) / slots) === Math.floor(((slot - 1) * wanted) / slots))
              continue;
            // Row r takes kind r % 2; within a kind the twenty stalls of a session get twenty
            // different vendors, a different twenty or so each day.
            const row = Math.floor(s / PER_ROW);
            const pool = vendorIds[z]![row % 2]!;
            const vendor =
              pool[((s % PER_ROW) + Math.floor(row / 2) * PER_ROW + d * 7) % pool.length]!;
            const roll = rand();
            const status = !past
              ? "confirmed"
              : roll < 0.9
                ? "checked_in"
                : roll < 0.95
                  ? "no_show"
                  : "cancelled";
            addBooking.run(
              zone.id,
              stall.id,
              vendor,
              session.localDate,
              session.key,
              session.startsAt,
              session.endsAt,
              status,
              stall.fee_fen,
              status === "checked_in" ? stall.fee_fen : null,
              `county-${zone.id}-${stall.id}-${session.localDate}`,
              status === "cancelled" ? session.startsAt : null,
              status === "checked_in" ? session.startsAt : null,
              AT,
              AT,
            );
            inserted += 1;
          }
        }
      }
    })();
  } finally {
    sqlite.close();
  }
  return { slugs, vendors: Math.floor(vendors / zones) * zones, bookings: inserted };
}
