import type { LoaderFunctionArgs } from "@remix-run/node";
import { toICalendar } from "~/domain/icalendar";
import { listVendorBookings } from "~/models/booking.server";
import { vendorByCalendarToken } from "~/models/vendor-calendar.server";
import { db } from "~/utils/db.server";
import { translate } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { notFound } from "~/utils/responses";

// /calendar/<secret>.ics: the vendor's bookings for a calendar app. The secret is the only key,
// so the feed carries no phone number, name of a person or paper.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const vendor = await vendorByCalendarToken(db, token);
  if (!vendor) throw notFound();
  const locale = await getLocale(request);
  const since = Date.now() - 30 * 86_400_000;
  const bookings = (await listVendorBookings(db, vendor.id)).filter(
    (b) => Date.parse(b.ends_at) > since && b.status !== "declined",
  );
  const body = toICalendar({
    name: translate(locale, "calendar.name", { name: vendor.display_name }),
    now: new Date(),
    events: bookings.map((b) => ({
      uid: `booking-${b.id}@jishi`,
      start: b.starts_at,
      end: b.ends_at,
      summary: `${locale === "en" ? b.name_en : b.name_zh} · ${b.stall_code}`,
      description: translate(locale, `bookings.status.${b.status}`),
      status:
        b.status === "cancelled" ? "CANCELLED" : b.status === "pending" ? "TENTATIVE" : "CONFIRMED",
    })),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="jishi.ics"',
      "Cache-Control": "private, max-age=300",
    },
  });
}
