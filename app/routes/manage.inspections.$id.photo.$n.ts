import type { LoaderFunctionArgs } from "@remix-run/node";
import { inspectionPhotos } from "~/models/inspection.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { uploadResponse } from "~/utils/uploads.server";
import { notFound } from "~/utils/responses";

// An inspection's photo, to the managers of its zone and the office; never rendered as a page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager", "office");
  const id = Number(params.id);
  const n = Number(params.n);
  const inspection = Number.isSafeInteger(id) ? await inspectionPhotos(db, id) : undefined;
  const allowed =
    inspection &&
    (user.role === "office" || (await managedZoneIds(db, user.id)).includes(inspection.zoneId));
  const name = allowed ? inspection.photos[n] : undefined;
  if (!name) throw notFound();
  return uploadResponse(name, name.endsWith(".png") ? "image/png" : "image/jpeg", "inline");
}
