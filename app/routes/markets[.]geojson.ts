import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePolygon } from "~/domain/geo";
import { loadWhatsOn } from "~/models/whats-on.server";
import { listZonesWithSchedule } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";

// Open data: every active market as a GeoJSON Feature (RFC 7946), with its next session (within the coming week).
export async function loader({ request }: LoaderFunctionArgs) {
  const [zones, whatsOn] = await Promise.all([
    listZonesWithSchedule(db),
    loadWhatsOn(db, new Date()),
  ]);
  const nextOf = new Map(whatsOn.zones.map((z) => [z.id, z.next]));
  const features = [];
  for (const zone of zones) {
    const geometry = parsePolygon(zone.boundary);
    if (!geometry) continue;
    const next = nextOf.get(zone.id);
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
        url: `${siteUrl(request)}/markets/${zone.slug}`,
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
      "Cache-Control": "public, max-age=300, s-maxage=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
