// Every public page a search engine may list: the county's pages, each active market with its
// poster, each approved vendor's page and each ballot.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listBallots } from "~/models/ballot.server";
import { listPublicVendorIds } from "~/models/public-vendor.server";
import { listZonesWithSchedule } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function loader({ request }: LoaderFunctionArgs) {
  const base = siteUrl(request);
  const [zones, vendorIds, ballots] = await Promise.all([
    listZonesWithSchedule(db),
    listPublicVendorIds(db),
    listBallots(db),
  ]);
  const paths = [
    "/",
    "/markets",
    "/search",
    "/for-vendors",
    "/reports",
    "/ballots",
    ...ballots.map((b) => `/ballots/${b.public_id}`),
    ...zones.flatMap((z) => [`/markets/${z.slug}`, `/markets/${z.slug}/poster`]),
    ...vendorIds.map((id) => `/vendors/${id}`),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...paths.map((p) => `  <url><loc>${escapeXml(base + p)}</loc></url>`),
    "</urlset>",
    "",
  ].join("\n");
  return new Response(body, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
