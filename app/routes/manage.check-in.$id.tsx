import "~/locales/staff";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getBookingForCheckIn } from "~/models/booking.server";
import { checkIn } from "~/models/market-day.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { dayProblem } from "~/utils/day-problems";
import { formatLocalDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { notFound } from "~/utils/responses";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("checkIn.title")]);

/** The booking a scanned receipt names, for a manager of its zone or the office. */
async function scannedBooking(request: Request, idParam: string | undefined) {
  const user = await requireRole(request, "manager", "office");
  const id = Number(idParam);
  const booking = Number.isSafeInteger(id) ? await getBookingForCheckIn(db, id) : undefined;
  if (!booking) throw notFound();
  if (user.role === "manager" && !(await managedZoneIds(db, user.id)).includes(booking.zone_id)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return { user, booking };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { booking } = await scannedBooking(request, params.id);
  return { locale: await getLocale(request), booking };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { user, booking } = await scannedBooking(request, params.id);
  const result = await checkIn(db, {
    zoneId: booking.zone_id,
    bookingId: booking.id,
    actorUserId: user.id,
    now,
  });
  // Outside the session's check-in window, the manager is told when it opens, or that it is over.
  if (!result.ok) return data(dayProblem(result, booking.time_zone), { status: 409 });
  const session = encodeURIComponent(`${booking.local_date}|${booking.session_key}`);
  return redirect(`/manage/zones/${booking.zone_slug}/day?session=${session}&done=checkIn`);
}

export default function ScanCheckIn() {
  const { booking } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const pending = useNavigation().state !== "idle";
  return (
    <div className="page narrow stack">
      <h1>{t("checkIn.title")}</h1>
      {actionData ? (
        <p className="notice notice-error" role="alert">
          {t(actionData.error, actionData.params)}
        </p>
      ) : null}
      <div className="card receipt">
        <p className="receipt-stall">{booking.stall_code}</p>
        <p>
          <strong>{booking.display_name}</strong>
          <br />
          {locale === "en" ? booking.name_en : booking.name_zh} ·{" "}
          {formatLocalDate(locale, booking.local_date)}
          <br />
          {t(`bookings.status.${booking.status}`)}
        </p>
        {booking.status === "confirmed" ? (
          <Form method="post">
            <button type="submit" className="button button-primary button-block" disabled={pending}>
              {t("day.checkIn", { code: booking.stall_code })}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
