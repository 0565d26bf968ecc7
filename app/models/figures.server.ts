// Gathers the rows the county's figures are made from, for the office (every zone) or a
// manager (their zones), over a period of local dates.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { addDays, isValidDate } from "~/domain/calendar";
import { weeklyFigures, zoneFigures, type ZoneCapacity } from "~/domain/figures";
import { reportFigures } from "~/domain/reports";
import { inspectionStanding } from "./inspection.server";
import { loadZoneCalendars, upcomingSessions } from "./zone-calendar.server";

export async function dashboardFigures(
  db: Kysely<Database>,
  {
    zoneIds,
    from,
    to,
    today,
  }: { zoneIds: number[] | undefined; from: string; to: string; today: string },
  now: Date,
) {
  let zonesQuery = db
    .selectFrom("zones")
    .select(["id", "slug", "name_zh", "name_en", "time_zone"])
    .orderBy("id");
  if (zoneIds) zonesQuery = zonesQuery.where("id", "in", zoneIds.length ? zoneIds : [-1]);
  const zones = await zonesQuery.execute();
  const ids = zones.length ? zones.map((z) => z.id) : [-1];
  const [calendars, stalls, bookings, vendors, active, reports, inspections, standing] =
    await Promise.all([
      loadZoneCalendars(db, zones),
      db
        .selectFrom("stalls")
        .innerJoin("layouts", "layouts.id", "stalls.layout_id")
        .select((eb) => ["layouts.zone_id", eb.fn.countAll<number>().as("n")])
        .where("layouts.status", "=", "approved")
        .where("layouts.zone_id", "in", ids)
        .groupBy("layouts.zone_id")
        .execute(),
      db
        .selectFrom("bookings")
        .innerJoin("stalls", "stalls.id", "bookings.stall_id")
        .select([
          "bookings.zone_id",
          "bookings.local_date",
          "bookings.status",
          "bookings.fee_fen",
          "bookings.fee_collected_fen",
          "stalls.public_welfare",
        ])
        .where("bookings.zone_id", "in", ids)
        .where("bookings.local_date", ">=", from)
        .where("bookings.local_date", "<=", to)
        .execute(),
      db
        .selectFrom("vendors")
        .select((eb) => [
          eb.fn.countAll<number>().as("registered"),
          eb.fn
            .sum<number>(eb.case().when("status", "=", "approved").then(1).else(0).end())
            .as("approved"),
        ])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("bookings")
        .select((eb) => eb.fn.count<number>("vendor_id").distinct().as("n"))
        .where("zone_id", "in", ids)
        .where("local_date", ">=", from)
        .where("local_date", "<=", to)
        .where("status", "in", ["checked_in", "confirmed"])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom("problem_reports")
        .select(["zone_id", "category", "status", "created_at", "finished_at", "due_at"])
        .where("zone_id", "in", ids)
        .where("created_at", ">=", `${from}T00:00:00.000Z`)
        .execute(),
      db
        .selectFrom("inspections")
        .select((eb) => ["zone_id", eb.fn.countAll<number>().as("n")])
        .where("zone_id", "in", ids)
        .where("local_date", ">=", from)
        .where("local_date", "<=", to)
        .groupBy("zone_id")
        .execute(),
      inspectionStanding(db, ids, today),
    ]);
  const capacities: ZoneCapacity[] = zones.map((z) => ({
    zoneId: z.id,
    sessionDates: upcomingSessions(calendars.get(z.id)!, from, to).map((s) => s.localDate),
    stalls: Number(stalls.find((s) => s.zone_id === z.id)?.n ?? 0),
  }));
  const days = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1);
  return {
    vendors: {
      registered: Number(vendors.registered),
      approved: Number(vendors.approved ?? 0),
      active: Number(active.n),
    },
    zones: zones.map((z, i) => ({
      slug: z.slug,
      name_zh: z.name_zh,
      name_en: z.name_en,
      ...zoneFigures(capacities[i]!, bookings),
      reports: reportFigures(
        reports.filter((r) => r.zone_id === z.id),
        now,
        days,
      ),
      inspectionsDone: Number(inspections.find((x) => x.zone_id === z.id)?.n ?? 0),
      inspection: standing.get(z.id)!,
    })),
    weeks: weeklyFigures(capacities, bookings),
    reports: reportFigures(reports, now, days),
  };
}

/** The period asked for in a URL, or the four weeks up to today; never longer than a year. */
export function figuresPeriod(params: URLSearchParams, today: string) {
  const valid = (d: string | null) => (d && isValidDate(d) ? d : null);
  const to = valid(params.get("to")) ?? today;
  const asked = valid(params.get("from"));
  const from = asked && asked <= to && asked >= addDays(to, -365) ? asked : addDays(to, -27);
  return { from, to };
}
