import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { qrSvg } from "~/utils/qr.server";
import { useHydrated } from "~/components/client-only";
import { sessionLine, weekdaysLine } from "~/components/zone-format";
import { zoneCalendar } from "~/models/zone-calendar.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { localized, translate, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data ? `${data.name} · ${data.posterTitle}` : undefined,
    image: data ? `/markets/${data.slug}/share.png` : undefined,
  });

// An A4 poster for the market's entrance: the name, the hours, and a QR code to the market
// page, where residents see today's stalls and vendors. Both languages, Chinese first.
// The same for every reader without a session: a shared cache may keep it a few seconds.
export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const zone = params.slug ? await getZoneBySlug(db, params.slug) : undefined;
  if (!zone) throw notFound();
  const locale = await getLocale(request);
  const calendar = await zoneCalendar(db, zone);
  const url = `${siteUrl(request)}/markets/${zone.slug}`;
  const qr = await qrSvg(url, { errorCorrectionLevel: "M" });
  return {
    locale,
    slug: zone.slug,
    name: localized(zone, "name", locale),
    nameZh: zone.name_zh,
    nameEn: zone.name_en,
    address: localized(zone, "address", locale),
    templates: calendar.templates,
    url,
    qr,
    posterTitle: translate(locale, "poster.title"),
  };
}

export default function Poster() {
  const { slug, nameZh, nameEn, address, templates, url, qr } = useLoaderData<typeof loader>();
  const t = useT();
  const hydrated = useHydrated();
  return (
    <div className="page narrow">
      <div className="no-print stack">
        <p>
          <QuickLink to={`/markets/${slug}`}>← {t("poster.back")}</QuickLink>
        </p>
        <p className="notice notice-info">{t("poster.howTo")}</p>
        {hydrated ? (
          <p>
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t("poster.print")}
            </button>
          </p>
        ) : null}
      </div>
      <article className="poster" aria-label={t("poster.title")}>
        <h1 lang="zh-CN">{nameZh}</h1>
        <p className="poster-en" lang="en">
          {nameEn}
        </p>
        <div
          className="poster-qr"
          role="img"
          aria-label={t("poster.qrLabel", { url })}
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <p className="poster-call" lang="zh-CN">
          扫码看今天谁在摆摊、摊位在哪
        </p>
        <p className="poster-call-en" lang="en">
          {"Scan to see today's stalls and vendors"}
        </p>
        <ul className="poster-hours">
          {templates.map((s) => (
            <li key={s.id}>
              {weekdaysLine(t, s.weekdays)} · {sessionLine(t, s)}
            </li>
          ))}
        </ul>
        <p className="poster-foot">
          {address}
          <br />
          {url}
        </p>
      </article>
    </div>
  );
}
