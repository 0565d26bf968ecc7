import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { isLateCancellation, lateCancellationFrom } from "~/domain/booking-rules";
import {
  acceptOffer,
  cancelBooking,
  cancelSeriesFrom,
  listVendorBookings,
} from "~/models/booking.server";
import { leaveWaitlist, listVendorWaitlist } from "~/models/waitlist.server";
import {
  calendarToken,
  findCalendarToken,
  resetCalendarToken,
} from "~/models/vendor-calendar.server";
import { getBookingSettings } from "~/models/zone-calendar.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { BookingsActionSchema } from "~/forms/vendor-bookings.server";
import {
  formatInstant,
  formatLocalDate,
  formatLocalTime,
  formatMoney,
  useLocale,
  useT,
} from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("bookings.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request, { counter: true });
  const [locale, bookings] = await Promise.all([
    getLocale(request),
    listVendorBookings(db, vendor.id),
  ]);
  const now = new Date();
  // Each zone's cancellation deadline, read once per zone.
  const zoneIds = [...new Set(bookings.map((b) => b.zone_id))];
  const settings = new Map(
    await Promise.all(zoneIds.map(async (id) => [id, await getBookingSettings(db, id)] as const)),
  );
  const rows = bookings.map((b) => {
    const upcoming = Date.parse(b.ends_at) > now.getTime();
    const cancellable =
      upcoming &&
      (b.status === "pending" || b.status === "confirmed") &&
      Date.parse(b.starts_at) > now.getTime();
    const zoneSettings = settings.get(b.zone_id)!;
    return {
      ...b,
      zone: locale === "en" ? b.name_en : b.name_zh,
      upcoming,
      cancellable,
      cancelWouldBeLate: cancellable && isLateCancellation(b.starts_at, now, zoneSettings),
      // When a free cancellation ends, on the market's clock: said before the vendor confirms.
      lateFrom: cancellable
        ? formatInstant(
            locale,
            lateCancellationFrom(b.starts_at, zoneSettings).toISOString(),
            b.time_zone,
            { dateStyle: "medium", timeStyle: "short" },
          )
        : "",
      deadlineHours: zoneSettings.cancelDeadlineHours,
      startTime: formatLocalTime(b.starts_at, b.time_zone),
      endTime: formatLocalTime(b.ends_at, b.time_zone),
    };
  });
  const [token, waitlist] = await Promise.all([
    findCalendarToken(db, vendor.id),
    listVendorWaitlist(db, vendor.id, now),
  ]);
  return {
    locale,
    bookings: rows,
    waitlist: waitlist.map((w) => ({ ...w, zone: locale === "en" ? w.name_en : w.name_zh })),
    feedUrl: token ? `${siteUrl(request)}/calendar/${token}.ics` : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const { vendor, clerk } = await requireVendor(request, { counter: true });
  const clerkUserId = clerk?.id;
  const form = await readFormData(request);
  if (!form.has("intent")) form.set("intent", "cancel");
  const parsed = parseForm(BookingsActionSchema, form);
  if (!parsed.ok) return data({ error: "bookings.error.cannotCancel" as const }, { status: 400 });
  const asked = parsed.data;
  if (asked.intent === "acceptOffer") {
    const result = await acceptOffer(
      db,
      { entryId: asked.entryId, vendorId: vendor.id, clerkUserId },
      now,
    );
    if (!result.ok) {
      const error =
        result.code === "offerGone"
          ? ("waitlist.offerGone" as const)
          : ("waitlist.couldNotBook" as const);
      return data({ error }, { status: 409 });
    }
    return redirect(`/vendor/bookings?booked=${result.booking.id}`);
  }
  if (asked.intent === "leaveWaitlist") {
    await leaveWaitlist(db, { entryId: asked.entryId, vendorId: vendor.id, clerkUserId }, now);
    return redirect("/vendor/bookings?waitlist=left#waitlist");
  }
  if (asked.intent === "calendar") {
    await calendarToken(db, vendor.id);
    return redirect("/vendor/bookings#calendar");
  }
  if (asked.intent === "resetCalendar") {
    await resetCalendarToken(db, vendor.id);
    return redirect("/vendor/bookings?calendarReset=1#calendar");
  }
  const { bookingId } = asked;
  if (asked.intent === "cancelSeries") {
    const { cancelled } = await cancelSeriesFrom(
      db,
      { bookingId, vendorId: vendor.id, clerkUserId },
      now,
    );
    if (cancelled === 0)
      return data({ error: "bookings.error.cannotCancel" as const }, { status: 409 });
    return redirect(`/vendor/bookings?seriesCancelled=${cancelled}`);
  }
  const result = await cancelBooking(db, { bookingId, vendorId: vendor.id, clerkUserId }, now);
  if (!result.ok) return data({ error: "bookings.error.cannotCancel" as const }, { status: 409 });
  return redirect(`/vendor/bookings?cancelled=${result.late ? "late" : "free"}`);
}

/** A stable callback ref: React calls it once when the element appears. */
const focusOnMount = (element: HTMLElement | null) => element?.focus();

export default function VendorBookings() {
  const { bookings, feedUrl, waitlist } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const cancelling = navigation.state !== "idle" ? navigation.formData?.get("bookingId") : null;
  const confirming = params.get("confirm");
  // Coming up: soonest first. Earlier ones: most recent first (as the model returns them).
  const upcoming = bookings.filter((b) => b.upcoming).reverse();
  const past = bookings.filter((b) => !b.upcoming);
  const waitlistNotice = params.get("waitlist");
  const notice = waitlistNotice
    ? t(
        `waitlist.notice.${waitlistNotice === "joined" || waitlistNotice === "left" || waitlistNotice === "already" ? waitlistNotice : "sessionNotHeld"}`,
      )
    : params.get("calendarReset")
      ? t("calendar.resetDone")
      : params.get("seriesCancelled")
        ? t("bookings.seriesCancelled", { count: Number(params.get("seriesCancelled")) })
        : params.get("booked")
          ? t("bookings.booked")
          : params.get("cancelled") === "late"
            ? t("bookings.cancelledLate")
            : params.get("cancelled")
              ? t("bookings.cancelled")
              : null;

  const row = (b: (typeof bookings)[number]) => (
    <li key={b.id} id={`booking-${b.id}`} className="card booking">
      <div>
        <strong>
          {b.zone} · {b.stall_code}
        </strong>{" "}
        {b.upcoming && b.status !== "cancelled" ? (
          <QuickLink to={`/vendor/bookings/${b.id}`} className="receipt-link">
            {t("receipt.open")}
          </QuickLink>
        ) : null}{" "}
        <span className={`badge badge-booking-${b.status}`}>
          {t(`bookings.status.${b.status}`)}
        </span>
        {b.series_id ? <span className="badge badge-kind">{t("bookings.series")}</span> : null}
        {b.from_ballot ? (
          <span className="badge badge-kind">{t("bookings.fromBallot")}</span>
        ) : null}
        <br />
        {formatLocalDate(locale, b.local_date)} {b.startTime}–{b.endTime} ·{" "}
        {b.fee_fen === 0 ? t("book.free") : formatMoney(locale, b.fee_fen)}
        {b.cancelled_late ? <span className="hint"> · {t("bookings.lateMark")}</span> : null}
      </div>
      {b.cancellable && confirming === String(b.id) ? (
        // Cancelling asks first, and says whether it is free or late, and why (issue 18).
        <Form
          method="post"
          action="/vendor/bookings"
          className="booking-cancel booking-confirm"
          aria-labelledby={`confirm-${b.id}`}
        >
          <p id={`confirm-${b.id}`} role="alert">
            {b.cancelWouldBeLate
              ? t("bookings.confirmLate", { hours: b.deadlineHours, from: b.lateFrom })
              : t("bookings.confirmFree", { until: b.lateFrom })}
          </p>
          <input type="hidden" name="bookingId" value={b.id} />
          <button
            type="submit"
            className="button button-primary"
            disabled={cancelling === String(b.id)}
            // In focus when it appears: by the browser on a page load, by React after a
            // client-side navigation or a hydration that came late.
            autoFocus
            ref={focusOnMount}
          >
            {cancelling === String(b.id) ? t("bookings.cancelling") : t("bookings.confirmCancel")}
          </button>
          {b.series_id ? (
            <button
              type="submit"
              name="intent"
              value="cancelSeries"
              className="button button-quiet"
              disabled={cancelling === String(b.id)}
            >
              {t("bookings.cancelSeries")}
            </button>
          ) : null}
          <QuickLink to={`/vendor/bookings#booking-${b.id}`} className="button button-quiet">
            {t("bookings.keep")}
          </QuickLink>
        </Form>
      ) : b.cancellable ? (
        <div className="booking-cancel">
          {b.cancelWouldBeLate ? <p className="hint">{t("bookings.lateWarning")}</p> : null}
          <QuickLink
            to={`/vendor/bookings?confirm=${b.id}#booking-${b.id}`}
            className="button button-quiet"
            keepScroll
          >
            {t("bookings.cancel")}
          </QuickLink>
        </div>
      ) : null}
    </li>
  );

  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to="/vendor">← {t("vendorHome.title")}</QuickLink>
        </p>
        <h1>{t("bookings.title")}</h1>
      </div>
      {notice && !actionData ? (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      ) : null}
      {actionData ? (
        <p className="notice notice-error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      <p>
        <QuickLink to="/book" className="button button-primary">
          {t("bookings.bookMore")}
        </QuickLink>
      </p>
      <section aria-labelledby="upcoming-heading" className="stack">
        <h2 id="upcoming-heading">{t("bookings.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="hint">{t("bookings.noneUpcoming")}</p>
        ) : (
          <ul className="booking-list">{upcoming.map(row)}</ul>
        )}
      </section>
      {waitlist.length > 0 ? (
        <section className="card stack" id="waitlist" aria-labelledby="waitlist-heading">
          <h2 id="waitlist-heading">{t("waitlist.title")}</h2>
          <ul className="plain-list schedule-list">
            {waitlist.map((w) => (
              <li key={w.id}>
                <span>
                  {w.zone} · {formatLocalDate(locale, w.local_date)} ·{" "}
                  {w.wanted_code
                    ? t("waitlist.forStall", { code: w.wanted_code })
                    : t("waitlist.anyStall")}
                  <br />
                  {w.status === "offered" ? (
                    <strong>
                      {t("waitlist.offered", {
                        code: w.offered_code ?? "",
                        until: formatInstant(locale, w.offer_expires_at!, w.time_zone),
                      })}
                    </strong>
                  ) : (
                    <span className="hint">{t("waitlist.waiting")}</span>
                  )}
                </span>
                <span className="actions">
                  {w.status === "offered" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="acceptOffer" />
                      <input type="hidden" name="entryId" value={w.id} />
                      <button
                        type="submit"
                        className="button button-primary"
                        disabled={navigation.state !== "idle"}
                      >
                        {t("waitlist.accept", { code: w.offered_code ?? "" })}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="leaveWaitlist" />
                    <input type="hidden" name="entryId" value={w.id} />
                    <button
                      type="submit"
                      className="button button-quiet"
                      disabled={navigation.state !== "idle"}
                    >
                      {w.status === "offered" ? t("waitlist.decline") : t("waitlist.leave")}
                    </button>
                  </Form>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" id="calendar" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">{t("calendar.title")}</h2>
        <p className="hint">{t("calendar.hint")}</p>
        {feedUrl ? (
          <>
            <p className="feed-url">{feedUrl}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="resetCalendar" />
              <button
                type="submit"
                className="button button-quiet"
                disabled={navigation.state !== "idle"}
              >
                {t("calendar.reset")}
              </button>
            </Form>
          </>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="calendar" />
            <button
              type="submit"
              className="button button-primary"
              disabled={navigation.state !== "idle"}
            >
              {t("calendar.title")}
            </button>
          </Form>
        )}
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="past-heading" className="stack">
          <h2 id="past-heading">{t("bookings.past")}</h2>
          <ul className="booking-list">{past.map(row)}</ul>
        </section>
      ) : null}
    </div>
  );
}
