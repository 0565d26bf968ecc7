import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-header";
import { BarChart } from "~/components/bar-chart";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { weeklyPriceMedians } from "~/models/price-list.server";
import { dashboardFigures, figuresPeriod } from "~/models/figures.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import {
  formatLocalDate,
  formatMoney,
  formatShare,
  localized,
  useLocale,
  useT,
} from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("figures.title")]);

// The county's figures for the office; a manager sees the same for their own markets.
/** Weeks of median prices shown on the page. */
const PRICE_WEEKS_SHOWN = 6;

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const user = await requireRole(request, "manager", "office");
  const locale = await getLocale(request);
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  const { from, to } = figuresPeriod(new URL(request.url).searchParams, today);
  const zoneIds = user.role === "office" ? undefined : await managedZoneIds(db, user.id);
  const [figures, prices] = await Promise.all([
    dashboardFigures(db, { zoneIds, from, to, today }, now),
    weeklyPriceMedians(db, { from, to, timeZone: DEFAULT_TIME_ZONE }),
  ]);
  // The last weeks of the period, one column each: the whole period is in the CSV.
  const priceWeeks = [...new Set(prices.map((p) => p.week))].slice(-PRICE_WEEKS_SHOWN);
  return {
    locale,
    priceWeeks,
    prices: [...new Set(prices.map((p) => p.item))].map((item) => ({
      item,
      weeks: priceWeeks.map(
        (week) => prices.find((p) => p.item === item && p.week === week) ?? null,
      ),
    })),
    county: user.role === "office",
    from,
    to,
    vendors: figures.vendors,
    reports: figures.reports,
    zones: figures.zones.map((z) => ({ ...z, name: localized(z, "name", locale) })),
    weeks: figures.weeks.reduce<{ week: string; capacity: number; booked: number }[]>((acc, w) => {
      const last = acc.find((x) => x.week === w.week);
      if (last) {
        last.capacity += w.capacity;
        last.booked += w.booked;
      } else acc.push({ week: w.week, capacity: w.capacity, booked: w.booked });
      return acc;
    }, []),
  };
}

export default function Figures() {
  const { county, from, to, vendors, reports, zones, weeks, priceWeeks, prices } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const csv = (table: string) => `/manage/figures.csv?table=${table}&from=${from}&to=${to}`;
  const total = (key: "feesDueFen" | "feesCollectedFen" | "welfareProvided" | "inspectionsDone") =>
    zones.reduce((sum, z) => sum + z[key], 0);
  return (
    <div className="page stack">
      <ManageHeader
        title={county ? t("figures.title") : t("figures.titleZones")}
        lead={t("figures.period", {
          from: formatLocalDate(locale, from),
          to: formatLocalDate(locale, to),
        })}
      />
      <Form method="get" className="card session-picker">
        <div className="field">
          <label htmlFor="from">{t("audit.from")}</label>
          <input id="from" name="from" type="date" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("audit.to")}</label>
          <input id="to" name="to" type="date" defaultValue={to} />
        </div>
        <button type="submit" className="button button-quiet">
          {t("book.show")}
        </button>
      </Form>
      <section className="figure-tiles" aria-label={t("figures.summary")}>
        {[
          [t("figures.vendorsRegistered"), vendors.registered],
          [t("figures.vendorsApproved"), vendors.approved],
          [t("figures.vendorsActive"), vendors.active],
          [t("figures.feesDue"), formatMoney(locale, total("feesDueFen"))],
          [t("figures.feesCollected"), formatMoney(locale, total("feesCollectedFen"))],
          [t("figures.welfare"), total("welfareProvided")],
          [t("figures.reportsReceived"), reports.received],
          [t("report.figures.rate"), formatShare(reports.closureRate)],
          [t("figures.inspectionsDone"), total("inspectionsDone")],
          [
            t("figures.inspectionsDue"),
            zones.filter((z) => z.inspection.state === "overdue" || z.inspection.state === "never")
              .length,
          ],
        ].map(([label, value]) => (
          <div key={String(label)} className="card figure-tile">
            <div className="figure-value">{value}</div>
            <div className="hint">{label}</div>
          </div>
        ))}
      </section>
      <section className="card stack-tight" aria-labelledby="occupancy-heading">
        <h2 id="occupancy-heading">{t("figures.occupancyByZone")}</h2>
        <BarChart
          label={t("figures.occupancyByZone")}
          bars={zones.map((z) => ({ label: z.name, value: z.occupancy }))}
          format={formatShare}
          max={1}
        />
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("manage.market")}</th>
                <th scope="col">{t("figures.sessions")}</th>
                <th scope="col">{t("figures.booked")}</th>
                <th scope="col">{t("figures.occupancy")}</th>
                <th scope="col">{t("figures.noShowRate")}</th>
                <th scope="col">{t("figures.feesDue")}</th>
                <th scope="col">{t("figures.feesCollected")}</th>
                <th scope="col">{t("figures.welfare")}</th>
                <th scope="col">{t("figures.reports")}</th>
                <th scope="col">{t("figures.inspections")}</th>
              </tr>
            </thead>
            <tbody>
              {zones.map((z) => (
                <tr key={z.slug}>
                  <th scope="row">{z.name}</th>
                  <td>{z.sessions}</td>
                  <td>
                    {z.booked} / {z.capacity}
                  </td>
                  <td>{formatShare(z.occupancy)}</td>
                  <td>{formatShare(z.noShowRate)}</td>
                  <td>{formatMoney(locale, z.feesDueFen)}</td>
                  <td>{formatMoney(locale, z.feesCollectedFen)}</td>
                  <td>{z.welfareProvided}</td>
                  <td>
                    {z.reports.received} · {formatShare(z.reports.closureRate)}
                  </td>
                  <td>
                    {z.inspectionsDone} ·{" "}
                    {t(`inspection.due.${z.inspection.state}`, {
                      date: z.inspection.dueOn ? formatLocalDate(locale, z.inspection.dueOn) : "",
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href={csv("zones")} className="button button-quiet" download>
            {t("figures.csv")}
          </a>
        </p>
      </section>
      <section className="card stack-tight" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">{t("figures.byWeek")}</h2>
        <BarChart
          label={t("figures.byWeek")}
          bars={weeks.map((w) => ({
            label: t("figures.weekOf", { date: formatLocalDate(locale, w.week) }),
            value: w.capacity ? w.booked / w.capacity : null,
          }))}
          format={formatShare}
          max={1}
        />
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("figures.week")}</th>
                <th scope="col">{t("figures.capacity")}</th>
                <th scope="col">{t("figures.booked")}</th>
                <th scope="col">{t("figures.occupancy")}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">
                    {t("figures.weekOf", { date: formatLocalDate(locale, w.week) })}
                  </th>
                  <td>{w.capacity}</td>
                  <td>{w.booked}</td>
                  <td>{formatShare(w.capacity ? w.booked / w.capacity : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href={csv("weeks")} className="button button-quiet" download>
            {t("figures.csv")}
          </a>
        </p>
      </section>
      <section className="card stack-tight" aria-labelledby="prices-heading">
        <h2 id="prices-heading">{t("figures.prices")}</h2>
        <p className="hint">{t("figures.pricesNote")}</p>
        {prices.length === 0 ? (
          <p className="empty-state">{t("figures.pricesNone")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("prices.itemHeading")}</th>
                  {priceWeeks.map((w) => (
                    <th key={w} scope="col">
                      {t("figures.weekOf", { date: formatLocalDate(locale, w) })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {prices.map((p) => (
                  <tr key={p.item}>
                    <th scope="row">{p.item}</th>
                    {p.weeks.map((w, i) => (
                      <td key={priceWeeks[i]}>
                        {w
                          ? t("figures.priceCell", {
                              price: formatMoney(locale, w.medianFenPerJin),
                              count: w.vendors,
                            })
                          : "—"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={csv("prices")} className="button button-quiet" download>
            {t("figures.csv")}
          </a>
        </p>
      </section>
    </div>
  );
}
