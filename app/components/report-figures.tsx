// The public figures of problem reports: received, closure rate, median time to close, by kind,
// for the last 30 and 90 days, as a table a person can read at a glance.
import type { ReportFigures } from "~/domain/reports";
import { formatShare, useT } from "~/utils/i18n";
import { TableScroll } from "./table-scroll";

export function ReportFiguresTable({
  figures,
  caption,
}: {
  figures: { days30: ReportFigures; days90: ReportFigures };
  caption: string;
}) {
  const t = useT();
  const windows = [
    [30, figures.days30],
    [90, figures.days90],
  ] as const;
  const rate = (f: ReportFigures) => formatShare(f.closureRate);
  const hours = (f: ReportFigures) =>
    f.medianHours === null
      ? t("report.figures.none")
      : t("report.figures.hours", { hours: f.medianHours });
  return (
    <TableScroll label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {windows.map(([days]) => (
              <th scope="col" key={days}>
                {t("report.figures.days", { days })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("report.figures.received")}</th>
            {windows.map(([days, f]) => (
              <td key={days}>{f.received}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("report.figures.rate")}</th>
            {windows.map(([days, f]) => (
              <td key={days}>{rate(f)}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t("report.figures.median")}</th>
            {windows.map(([days, f]) => (
              <td key={days}>{hours(f)}</td>
            ))}
          </tr>
          {figures.days90.byCategory.map((c) => (
            <tr key={c.category}>
              <th scope="row">· {t(`report.category.${c.category}`)}</th>
              {windows.map(([days, f]) => {
                const row = f.byCategory.find((x) => x.category === c.category);
                return <td key={days}>{row ? `${row.finished} / ${row.received}` : "0"}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
