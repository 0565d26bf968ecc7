import { TableScroll } from "~/components/table-scroll";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ReportFiguresTable } from "~/components/report-figures";
import { publicReportFigures, reportFiguresByZone } from "~/models/report.server";
import { listZoneNames } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { formatShare, localized, translator, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: translator(data?.locale ?? "zh-CN")("report.figures.countyTitle"),
    description: translator(data?.locale ?? "zh-CN")("report.figuresIntro"),
  });

// Follow a report by its code, and the county's public figures: every market, every report.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const code = (url.searchParams.get("code") ?? "").trim().toUpperCase();
  if (/^[0-9A-Z]{8}$/.test(code)) throw redirect(`/reports/${code}`);
  const locale = await getLocale(request);
  const now = new Date();
  const [county, byZone, zones] = await Promise.all([
    publicReportFigures(db, null, now),
    reportFiguresByZone(db, now),
    listZoneNames(db, { activeOnly: true }),
  ]);
  return {
    locale,
    badCode: code !== "",
    county,
    markets: zones.map((z) => ({
      slug: z.slug,
      name: localized(z, "name", locale),
      figures: byZone.get(z.id) ?? null,
    })),
  };
}

export default function Reports() {
  const { badCode, county, markets } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page stack">
      <h1>{t("report.figures.countyTitle")}</h1>
      <Form method="get" className="card session-picker">
        <div className="field">
          <label htmlFor="code">{t("report.lookup")}</label>
          <input id="code" name="code" maxLength={8} autoCapitalize="characters" />
        </div>
        <button type="submit" className="button button-primary">
          {t("report.lookupButton")}
        </button>
      </Form>
      {badCode ? (
        <p className="notice notice-error" role="alert">
          {t("report.notFound")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="county-heading">
        <h2 id="county-heading">{t("report.figures.county")}</h2>
        <p className="hint">{t("report.figuresIntro")}</p>
        <ReportFiguresTable figures={county} caption={t("report.figures.county")} />
      </section>
      <section className="card" aria-labelledby="markets-heading">
        <h2 id="markets-heading">{t("nav.markets")}</h2>
        <TableScroll label={t("nav.markets")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("manage.market")}</th>
                <th scope="col">{`${t("report.figures.received")} · ${t("report.figures.days", { days: 30 })}`}</th>
                <th scope="col">{`${t("report.figures.rate")} · ${t("report.figures.days", { days: 30 })}`}</th>
                <th scope="col">{`${t("report.figures.received")} · ${t("report.figures.days", { days: 90 })}`}</th>
                <th scope="col">{`${t("report.figures.rate")} · ${t("report.figures.days", { days: 90 })}`}</th>
              </tr>
            </thead>
            <tbody>
              {markets.map((m) => (
                <tr key={m.slug}>
                  <th scope="row">
                    <QuickLink to={`/markets/${m.slug}`}>{m.name}</QuickLink>
                  </th>
                  <td>{m.figures?.days30.received ?? 0}</td>
                  <td>{formatShare(m.figures?.days30.closureRate)}</td>
                  <td>{m.figures?.days90.received ?? 0}</td>
                  <td>{formatShare(m.figures?.days90.closureRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}
