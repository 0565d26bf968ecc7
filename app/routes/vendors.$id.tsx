import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { appearanceWhen, sessionHref } from "~/components/appearance";
import { PriceTable } from "~/components/price-table";
import { IntegrityMark } from "~/components/integrity";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { integrityMarks } from "~/models/integrity.server";
import { currentPriceList } from "~/models/price-list.server";
import { getPublicVendor, nextAppearances, pastMarketsCount } from "~/models/public-vendor.server";
import { db } from "~/utils/db.server";
import { formatInstant, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { quarterLabel } from "~/utils/integrity-view.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data?.vendor.name,
    description: data ? `${data.vendor.category} · ${data.vendor.products}` : undefined,
  });

// A vendor as residents see them. Only what a stall's sign would say: never a phone number,
// a legal name, or a paper.
// The same for every reader without a session: a shared cache may keep it a few seconds.
export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const vendor = Number.isSafeInteger(id) && id > 0 ? await getPublicVendor(db, id) : undefined;
  if (!vendor) throw notFound();
  const locale = await getLocale(request);
  const now = new Date();
  const [upcoming, past, prices, marks] = await Promise.all([
    nextAppearances(db, [vendor.id], now, 6),
    pastMarketsCount(db, vendor.id, now),
    currentPriceList(db, vendor.id),
    integrityMarks(db, [vendor.id], localMoment(now, DEFAULT_TIME_ZONE).date),
  ]);
  const mark = marks.get(vendor.id);
  const en = locale === "en";
  return {
    locale,
    vendor: {
      name: en ? vendor.name_en || vendor.display_name : vendor.display_name,
      otherName: en ? vendor.display_name : vendor.name_en,
      category: en ? vendor.category_en : vendor.category_zh,
      products: en ? vendor.products_en || vendor.products : vendor.products,
      welfare: vendor.public_welfare === 1,
      mark: mark ? quarterLabel(locale, mark) : null,
    },
    upcoming: upcoming.get(vendor.id) ?? [],
    past,
    prices,
    pricesAt: prices.length
      ? formatInstant(
          locale,
          prices
            .map((p) => p.since)
            .sort()
            .at(-1)!,
          DEFAULT_TIME_ZONE,
        )
      : null,
  };
}

export default function VendorPage() {
  const { vendor, upcoming, past, prices, pricesAt } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to="/search">← {t("search.title")}</QuickLink>
        </p>
        <h1>{vendor.name}</h1>
        {vendor.otherName && vendor.otherName !== vendor.name ? (
          <p className="hint" lang={locale === "en" ? "zh-CN" : "en"}>
            {vendor.otherName}
          </p>
        ) : null}
        <p className="zone-meta">
          <span className="badge badge-kind">{vendor.category}</span>
          <span className="badge badge-approved">✓ {t("vendorPage.verified")}</span>
          {vendor.welfare ? <span className="badge badge-open">{t("market.free")}</span> : null}
          {vendor.mark ? <IntegrityMark quarter={vendor.mark} /> : null}
        </p>
        <p className="lead">{vendor.products}</p>
        <p className="hint">{t("vendorPage.verifiedHelp")}</p>
      </div>
      <section className="card" aria-labelledby="next-heading">
        <h2 id="next-heading">{t("vendorPage.whereNext")}</h2>
        {upcoming.length === 0 ? (
          <p className="empty-state">{t("vendorPage.noUpcoming")}</p>
        ) : (
          <ul className="plain-list stack-tight">
            {upcoming.map((a) => (
              <li key={`${a.local_date}|${a.session_key}`}>
                <QuickLink to={sessionHref(a)}>{locale === "en" ? a.name_en : a.name_zh}</QuickLink>
                <br />
                <span>{appearanceWhen(locale, a)}</span> ·{" "}
                <strong className="stall-code">
                  {t("vendorPage.stall", { code: a.stall_code })}
                </strong>
              </li>
            ))}
          </ul>
        )}
      </section>
      {prices.length ? (
        <section aria-labelledby="prices-heading">
          <h2 id="prices-heading">{t("prices.updatedAt", { at: pricesAt ?? "" })}</h2>
          <PriceTable entries={prices} />
        </section>
      ) : null}
      <p>{t("vendorPage.past", { count: past })}</p>
    </div>
  );
}
