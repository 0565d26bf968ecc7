import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePolygon } from "~/domain/geo";
import { stallCardId } from "~/domain/stall-card";
import { approvedStalls } from "~/models/zone.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { notFound } from "~/utils/responses";

// Open data: the stalls of a market's approved layout as GeoJSON (RFC 7946), with what each
// may sell and what it has, and the address of its card. Who booked them is not published here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const zone = params.slug ? await getZoneBySlug(db, params.slug) : undefined;
  if (!zone) throw notFound();
  const stalls = await approvedStalls(db, zone.id);
  const site = siteUrl(request);
  const features = stalls.flatMap((s) => {
    const geometry = parsePolygon(s.geometry);
    if (!geometry) return [];
    return [
      {
        type: "Feature" as const,
        id: s.code,
        geometry,
        properties: {
          code: s.code,
          categories: s.categories,
          width_m: s.width_m,
          depth_m: s.depth_m,
          power: s.has_power === 1,
          water: s.has_water === 1,
          public_welfare: s.public_welfare === 1,
          fee_yuan: s.fee_fen / 100,
          // The page its printed card (一摊一码) opens: who is selling there now.
          card_url: `${site}/s/${stallCardId(zone.id, s.code)}`,
        },
      },
    ];
  });
  return new Response(JSON.stringify({ type: "FeatureCollection", features }), {
    headers: {
      "Content-Type": "application/geo+json; charset=utf-8",
      "Cache-Control": "public, max-age=300, s-maxage=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
