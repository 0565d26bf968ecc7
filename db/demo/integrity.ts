// The demo's integrity records (诚信记录): three regulars who traded through the last quarter at
// their usual stall without losing a point, so their cards carry the 诚信摊主 mark; and one
// inspection this month that found a board missing, a warning on a vendor's record. Relative to
// `now`, the same on every machine; added once.
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { addDays } from "../../app/domain/calendar";
import { previousQuarter, quarterDates, quarterOf } from "../../app/domain/integrity";
import { localMoment } from "../../app/domain/market-hours";
import { recordInspection } from "../../app/models/inspection.server";
import { loadZoneCalendar, upcomingSessions } from "../../app/models/zone-calendar.server";

/** Regulars who kept a clean record last quarter. */
const CLEAN_LAST_QUARTER = ["申记壶关羊汤", "太行山小米", "牛家豆腐坊"];
/** Sessions each traded in the last six weeks of that quarter. */
const SESSIONS_LAST_QUARTER = 8;
/** Whose price board the inspector found missing, and how many days ago. */
const WARNED = { name: "宋家鲜果", daysAgo: 9 };

const DAY = 86_400_000;

export async function seedIntegrity(db: Kysely<Database>, now: Date) {
  const any = await db
    .selectFrom("bookings")
    .select("id")
    .where("idempotency_key", "like", "demo-q-%")
    .executeTakeFirst();
  if (any) return;
  const regulars = await db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select(["vendors.id", "users.display_name"])
    .where("users.display_name", "in", [...CLEAN_LAST_QUARTER, WARNED.name])
    .orderBy("vendors.id")
    .execute();
  for (const vendor of regulars) {
    // Their usual stall and session: the latest they were checked in at.
    const usual = await db
      .selectFrom("bookings")
      .innerJoin("zones", "zones.id", "bookings.zone_id")
      .select([
        "bookings.zone_id",
        "bookings.stall_id",
        "bookings.session_key",
        "bookings.fee_fen",
        "bookings.local_date",
        "bookings.starts_at",
        "zones.time_zone",
      ])
      .where("bookings.vendor_id", "=", vendor.id)
      .where("bookings.status", "=", "checked_in")
      .where(
        "bookings.starts_at",
        "<",
        new Date(now.getTime() - WARNED.daysAgo * DAY).toISOString(),
      )
      .orderBy("bookings.starts_at", "desc")
      .executeTakeFirst();
    if (!usual) continue;
    if (vendor.display_name === WARNED.name) {
      await warn(db, usual);
      continue;
    }
    const { last } = quarterDates(
      previousQuarter(quarterOf(localMoment(now, usual.time_zone).date)),
    );
    const calendar = (await loadZoneCalendar(db, usual.zone_id))!;
    const sessions = upcomingSessions(calendar, addDays(last, -41), last)
      .filter((s) => s.key === usual.session_key)
      .slice(-SESSIONS_LAST_QUARTER);
    for (const s of sessions)
      await db
        .insertInto("bookings")
        .values({
          zone_id: usual.zone_id,
          stall_id: usual.stall_id,
          vendor_id: vendor.id,
          local_date: s.localDate,
          session_key: s.key,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          status: "checked_in",
          fee_fen: usual.fee_fen,
          fee_collected_fen: usual.fee_fen,
          checked_in_at: new Date(Date.parse(s.startsAt) + 600_000).toISOString(),
          idempotency_key: `demo-q-${vendor.id}-${s.localDate}-${s.key}`,
          created_at: s.startsAt,
          updated_at: s.startsAt,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}

/** An inspection of the session the vendor last traded in: the price board was not out. */
async function warn(
  db: Kysely<Database>,
  usual: {
    zone_id: number;
    stall_id: number;
    session_key: string;
    local_date: string;
    starts_at: string;
  },
) {
  const [stall, manager] = await Promise.all([
    db
      .selectFrom("stalls")
      .select("code")
      .where("id", "=", usual.stall_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("zone_managers")
      .select("user_id")
      .where("zone_id", "=", usual.zone_id)
      .executeTakeFirstOrThrow(),
  ]);
  await recordInspection(
    db,
    {
      zoneId: usual.zone_id,
      userId: manager.user_id,
      localDate: usual.local_date,
      sessionKey: usual.session_key,
      checklist: {
        extinguishers: "ok",
        fireLanes: "ok",
        electrical: "ok",
        hygiene: "ok",
        weights: "issue",
      },
      findings: "市场整体良好。一个摊位价目牌没有摆出来，已提醒。",
      photos: [],
      followups: [],
      stallFindings: [
        {
          stallCode: stall.code,
          kind: "prices_not_shown",
          note: "价目牌放在车里没摆出来，当场补上了。",
        },
      ],
    },
    new Date(Date.parse(usual.starts_at) + 3_600_000),
  );
}
