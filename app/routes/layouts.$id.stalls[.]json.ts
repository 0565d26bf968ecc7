// The outlines of a layout's stalls, for the maps of the market and booking pages: a layout that
// is or was approved never changes, so the file is the same for ever and the phone keeps it
// (docs/decisions/031-stall-outlines-in-their-own-file.md). Drafts and layouts under review are
// not published: 404, as for a layout that does not exist.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { packGeometry } from "~/components/stall-map";
import { publishedLayoutStalls } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/responses";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const stalls =
    Number.isSafeInteger(id) && id > 0 && String(id) === params.id
      ? await publishedLayoutStalls(db, id)
      : undefined;
  if (!stalls) throw notFound();
  return new Response(packGeometry(stalls), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
