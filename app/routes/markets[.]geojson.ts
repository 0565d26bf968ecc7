import { addDays } from "~/domain/calendar";
import { parsePolygon } from "~/domain/geo";
import { localMoment } from "~/domain/market-hours";
import { listZonesWithSchedule } from "~/models/zone.server";
import { loadZoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { db } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";

// Open data: every active market as a GeoJSON Feature (RFC 7946), with its next session.
export async function loader() {
  const zones = await listZonesWithSchedule(db);
  const now = Date.now();
  const features = [];
  for (const zone of zones) {
    const geometry = parsePolygon(zone.boundary);
    if (!geometry) continue;
    const today = localMoment(new Date(), zone.time_zone).date;
    const calendar = await loadZoneCalendar(db, zone.id);
    const next = upcomingSessions(calendar!, today, addDays(today, 14)).find(
      (s) => Date.parse(s.endsAt) > now,
    );
    features.push({
      type: "Feature" as const,
      geometry,
      properties: {
        slug: zone.slug,
        name_zh: zone.name_zh,
        name_en: zone.name_en,
        kind: zone.kind,
        address_zh: zone.address_zh,
        address_en: zone.address_en,
        url: `${appUrl()}/markets/${zone.slug}`,
        stalls: zone.stalls?.count ?? 0,
        next_session: next
          ? { date: next.localDate, kind: next.kind, start: next.startsAt, end: next.endsAt }
          : null,
      },
    });
  }
  return new Response(JSON.stringify({ type: "FeatureCollection", features }), {
    headers: {
      "Content-Type": "application/geo+json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
