import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { qrSvg } from "~/utils/qr.server";
import { getVendorBooking } from "~/models/booking.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { formatLocalDate, formatLocalTime, formatMoney, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("receipt.title")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request, { counter: true });
  const id = Number(params.id);
  const booking = Number.isSafeInteger(id)
    ? await getVendorBooking(db, { id, vendorId: vendor.id })
    : undefined;
  if (!booking) throw notFound();
  // The manager scans this with their phone's camera to check the vendor in.
  const qr = await qrSvg(`${siteUrl(request)}/manage/check-in/${booking.id}`, { width: 240 });
  return {
    locale: await getLocale(request),
    vendorName: vendor.display_name,
    booking,
    qr,
    startTime: formatLocalTime(booking.starts_at, booking.time_zone),
    endTime: formatLocalTime(booking.ends_at, booking.time_zone),
  };
}

export default function Receipt() {
  const { booking, qr, startTime, endTime, vendorName } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const en = locale === "en";
  return (
    <div className="page narrow stack">
      <p className="no-print">
        <QuickLink to="/vendor/bookings">← {t("bookings.title")}</QuickLink>
      </p>
      <h1>{t("receipt.title")}</h1>
      <div className="card receipt">
        <p className="receipt-stall">{booking.stall_code}</p>
        <p>{vendorName}</p>
        <p>
          <strong>{en ? booking.name_en : booking.name_zh}</strong>
          <br />
          {en ? booking.address_en : booking.address_zh}
        </p>
        <p>
          {formatLocalDate(locale, booking.local_date)} {startTime}–{endTime}
          <br />
          {booking.fee_fen === 0
            ? t("book.free")
            : t("receipt.fee", { fee: formatMoney(locale, booking.fee_fen) })}{" "}
          · {t(`bookings.status.${booking.status}`)}
        </p>
        <div
          className="qr"
          role="img"
          aria-label={t("receipt.qrLabel", { code: booking.stall_code })}
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <p className="hint">{t("receipt.qrHint")}</p>
      </div>
      {/* On an ordinary printer the page prints as an A6 slip (app.css, @media print). */}
      <p className="no-print">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("receipt.print")}
        </button>
      </p>
    </div>
  );
}
