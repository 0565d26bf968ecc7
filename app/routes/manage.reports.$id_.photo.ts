import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReport } from "~/models/report.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { uploadResponse } from "~/utils/uploads.server";
import { notFound } from "~/utils/responses";

// A report's photo, to the managers of its zone and the office only; never rendered as a page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager", "office");
  const zoneIds = user.role === "office" ? undefined : await managedZoneIds(db, user.id);
  const id = Number(params.id);
  const report = Number.isSafeInteger(id) ? await getReport(db, id, zoneIds) : undefined;
  if (!report?.photo_name || !report.photo_type) throw notFound();
  return uploadResponse(
    report.photo_name,
    report.photo_type,
    `inline; filename="report-${report.code}.${report.photo_name.split(".").pop()}"`,
  );
}
