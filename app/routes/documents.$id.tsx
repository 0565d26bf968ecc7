import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentForReviewer, getDocumentOfVendor } from "~/models/document.server";
import { requireUser, requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { uploadResponse } from "~/utils/uploads.server";
import { notFound } from "~/utils/responses";

// A vendor's paper, only to its owner (and a counter acting for them) and to the managers and
// office who review vendors.
// Always as a download, never rendered by the browser as a page of ours.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  // The owner (or a counter acting for them) sees their own; managers and the office review.
  const own = user.role === "vendor" || user.role === "clerk";
  const document = own
    ? await getDocumentOfVendor(db, {
        id,
        vendorId: (await requireVendor(request, { counter: true })).vendor.id,
      })
    : await getDocumentForReviewer(db, id);
  // Someone else's paper answers like a missing one, so ids reveal nothing.
  if (!document) throw notFound();
  const filename = `${document.kind}-${document.id}.${document.stored_name.split(".").pop()}`;
  return uploadResponse(
    document.stored_name,
    document.content_type,
    `attachment; filename="${filename}"`,
  );
}
