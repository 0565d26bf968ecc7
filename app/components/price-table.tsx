// A vendor's price list as residents read it (明码标价): item, price per unit, where it comes from.
import type { PriceUnit } from "#db/schema";
import { formatMoney, useLocale, useT } from "~/utils/i18n";
import { TableScroll } from "./table-scroll";

export interface PriceRow {
  id: number;
  item: string;
  unit: PriceUnit;
  priceFen: number;
  origin: string | null;
}

export function PriceTable({ entries, caption }: { entries: PriceRow[]; caption?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {/* Above the table, not in it: a caption scrolls sideways with a wide table. */}
      {caption ? <p className="price-caption">{caption}</p> : null}
      <TableScroll label={caption ?? t("prices.title")}>
        <table className="data-table price-table" aria-label={caption ?? t("prices.title")}>
          <thead>
            <tr>
              <th scope="col">{t("prices.itemHeading")}</th>
              <th scope="col">{t("prices.priceHeading")}</th>
              <th scope="col">{t("prices.originHeading")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.item}</td>
                <td className="nowrap">
                  {t("prices.per", {
                    price: formatMoney(locale, e.priceFen),
                    unit: t(`prices.unit.${e.unit}`),
                  })}
                </td>
                <td>{e.origin ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
