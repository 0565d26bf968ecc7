// A market's share card (Open Graph image): its name, hours, area and stalls.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { marketCard } from "~/models/share-card.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { notFound } from "~/utils/responses";
import { shareLocale, shareResponse } from "~/utils/share-response.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const zone = params.slug ? await getZoneBySlug(db, params.slug) : undefined;
  const card = zone
    ? await marketCard(db, zone.id, await shareLocale(request), new URL(siteUrl(request)).host)
    : undefined;
  if (!card) throw notFound();
  return shareResponse(request, card);
}
