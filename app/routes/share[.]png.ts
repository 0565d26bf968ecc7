// The site's share card (Open Graph image of every page without one of its own).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { countyCard } from "~/models/share-card.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { shareLocale, shareResponse } from "~/utils/share-response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const card = await countyCard(db, await shareLocale(request), new URL(siteUrl(request)).host);
  return shareResponse(request, card);
}
