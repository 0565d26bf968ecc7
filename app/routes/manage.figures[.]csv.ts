import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/figures";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { weeklyPriceMedians } from "~/models/price-list.server";
import { dashboardFigures, figuresPeriod } from "~/models/figures.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { localized, translate } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";

// Each table of the figures page as CSV, in the reader's language, for a spreadsheet.
export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const user = await requireRole(request, "manager", "office");
  const locale = await getLocale(request);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const params = new URL(request.url).searchParams;
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  const { from, to } = figuresPeriod(params, today);
  const zoneIds = user.role === "office" ? undefined : await managedZoneIds(db, user.id);
  const figures = await dashboardFigures(db, { zoneIds, from, to, today }, now);
  const asked = params.get("table");
  const table = asked === "weeks" || asked === "prices" ? asked : "zones";
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const share = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const prices =
    table === "prices"
      ? await weeklyPriceMedians(db, { from, to, timeZone: DEFAULT_TIME_ZONE })
      : [];
  const body =
    table === "prices"
      ? toCsv(
          [
            t("figures.week"),
            t("prices.itemHeading"),
            `${t("figures.medianPerJin")} (¥)`,
            t("figures.priceVendors"),
          ],
          prices.map((p) => [p.week, p.item, yuan(p.medianFenPerJin), p.vendors]),
        )
      : table === "weeks"
        ? toCsv(
            [
              t("figures.week"),
              t("manage.market"),
              t("figures.capacity"),
              t("figures.booked"),
              `${t("figures.occupancy")} (%)`,
            ],
            figures.weeks.map((w) => {
              const zone = figures.zones.find((z) => z.zoneId === w.zoneId)!;
              return [
                w.week,
                localized(zone, "name", locale),
                w.capacity,
                w.booked,
                share(w.occupancy),
              ];
            }),
          )
        : toCsv(
            [
              t("manage.market"),
              t("figures.sessions"),
              t("figures.capacity"),
              t("figures.booked"),
              `${t("figures.occupancy")} (%)`,
              `${t("figures.noShowRate")} (%)`,
              `${t("figures.feesDue")} (¥)`,
              `${t("figures.feesCollected")} (¥)`,
              t("figures.welfare"),
              t("figures.reports"),
              `${t("report.figures.rate")} (%)`,
              t("figures.inspections"),
            ],
            figures.zones.map((z) => [
              localized(z, "name", locale),
              z.sessions,
              z.capacity,
              z.booked,
              share(z.occupancy),
              share(z.noShowRate),
              yuan(z.feesDueFen),
              yuan(z.feesCollectedFen),
              z.welfareProvided,
              z.reports.received,
              share(z.reports.closureRate),
              z.inspectionsDone,
            ]),
          );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="jishi-${table}-${from}-${to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
