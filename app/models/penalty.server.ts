// Bookings paused after repeated no-shows or late cancellations, zone by zone.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { penaltyBanUntil, strikeInstant } from "~/domain/booking-rules";
import { getBookingSettings } from "./zone-calendar.server";

/** The zones where a vendor's booking is paused now, and until when. */
export async function activeBans(db: Kysely<Database>, vendorId: number, now: Date) {
  const strikes = await db
    .selectFrom("bookings")
    .innerJoin("zones", "zones.id", "bookings.zone_id")
    .select([
      "bookings.zone_id",
      "bookings.status",
      "bookings.starts_at",
      "bookings.cancelled_at",
      "zones.name_zh",
      "zones.name_en",
      "zones.time_zone",
    ])
    .where("bookings.vendor_id", "=", vendorId)
    .where((eb) =>
      eb.or([eb("bookings.status", "=", "no_show"), eb("bookings.cancelled_late", "=", 1)]),
    )
    .where("bookings.starts_at", ">=", new Date(now.getTime() - 400 * 86_400_000).toISOString())
    .execute();
  const bans: {
    zoneId: number;
    name_zh: string;
    name_en: string;
    time_zone: string;
    until: string;
  }[] = [];
  for (const zoneId of new Set(strikes.map((s) => s.zone_id))) {
    const inZone = strikes.filter((s) => s.zone_id === zoneId);
    const until = penaltyBanUntil(
      inZone.map(strikeInstant),
      now,
      await getBookingSettings(db, zoneId),
    );
    if (until)
      bans.push({
        zoneId,
        name_zh: inZone[0]!.name_zh,
        name_en: inZone[0]!.name_en,
        time_zone: inZone[0]!.time_zone,
        until: until.toISOString(),
      });
  }
  return bans;
}
