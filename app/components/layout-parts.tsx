// Pieces the layout pages share: the list of checks with the stalls that fail them, and the
// layout as a table, readable without JavaScript.
import type { CheckResult, LayoutRules } from "~/domain/layout-checks";
import type { Position } from "~/domain/geo";
import { stallSize } from "~/domain/geo";
import type { LayoutDocument } from "~/domain/layout-document";
import { formatMoney, useLocale, useT, type Translate } from "~/utils/i18n";

const MAX_CODES = 24;

/** "3 × 2.5": a stall's width and depth in metres, to a decimetre. */
function sizeOf(ring: Position[], origin: Position | undefined): string {
  const [w, d] = stallSize(ring, origin);
  return `${+w.toFixed(1)} × ${+d.toFixed(1)}`;
}

export function checkLabel(t: Translate, check: CheckResult, rules: LayoutRules): string {
  switch (check.id) {
    case "fireLanes":
      return t("layout.check.fireLanes", { width: rules.fireLaneWidthM });
    case "aisles":
      return t("layout.check.aisles", { min: rules.aisleMinM });
    case "extinguishers":
      return t("layout.check.extinguishers", { reach: rules.extinguisherReachM });
    case "exits":
      return t("layout.check.exits", { reach: rules.exitReachM });
    case "power":
      return t("layout.check.power", { reach: rules.powerReachM });
    case "coverage":
      return t("layout.check.coverage", {
        limit: Math.round(rules.maxCoverage * 100),
        value: Math.round((check.value ?? 0) * 1000) / 10,
      });
    default:
      return t(`layout.check.${check.id}`);
  }
}

export function CheckList({ checks, rules }: { checks: CheckResult[]; rules: LayoutRules }) {
  const t = useT();
  const failed = checks.filter((c) => !c.passed).length;
  return (
    <section className="card" aria-labelledby="checks-heading">
      <h2 id="checks-heading">{t("layout.checks")}</h2>
      {checks.length === 0 ? (
        <p className="hint">{t("layout.checksNone")}</p>
      ) : (
        <>
          <p className={failed ? "notice notice-error" : "notice notice-info"}>
            {failed
              ? t("layout.checksFailed", { count: failed })
              : t("layout.checksAllPassed", { count: checks.length })}
          </p>
          <ul className="check-list">
            {checks.map((c) => (
              <li key={c.id} className={c.passed ? "check-pass" : "check-fail"}>
                <span className={`badge ${c.passed ? "badge-approved" : "badge-rejected"}`}>
                  {c.passed ? `✓ ${t("layout.check.passed")}` : `✗ ${t("layout.check.failed")}`}
                </span>{" "}
                {checkLabel(t, c, rules)}
                {c.offenders.length ? (
                  <div className="hint">
                    {t("layout.check.offenders", {
                      codes:
                        c.offenders.slice(0, MAX_CODES).join(", ") +
                        (c.offenders.length > MAX_CODES
                          ? ` … (+${c.offenders.length - MAX_CODES})`
                          : ""),
                    })}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function LayoutTable({
  document,
  categoryNames,
}: {
  document: LayoutDocument;
  categoryNames: Record<string, string>;
}) {
  const t = useT();
  const locale = useLocale();
  const yes = "✓";
  const counts = [
    ["fire_lane", document.fireLanes.length],
    ["exit", document.exits.length],
    ["extinguisher", document.extinguishers.length],
    ["power_point", document.powerPoints.length],
    ["water_point", document.waterPoints.length],
  ] as const;
  return (
    <section className="card" aria-labelledby="table-heading">
      <h2 id="table-heading">{t("layout.table.caption", { count: document.stalls.length })}</h2>
      <p>
        <strong>
          {t("layout.features")}
          {t("punct.colon")}
        </strong>
        {counts
          .map(([kind, count]) =>
            t("layout.featureCount", { name: t(`layout.feature.${kind}`), count }),
          )
          .join(" · ")}
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("layout.table.code")}</th>
              <th scope="col">{t("layout.table.size")}</th>
              <th scope="col">{t("layout.table.categories")}</th>
              <th scope="col">{t("layout.table.power")}</th>
              <th scope="col">{t("layout.table.water")}</th>
              <th scope="col">{t("layout.table.fee")}</th>
              <th scope="col">{t("layout.table.welfare")}</th>
            </tr>
          </thead>
          <tbody>
            {document.stalls.map((s) => (
              <tr key={s.code}>
                <th scope="row">{s.code}</th>
                <td>{sizeOf(s.ring, document.boundary[0])}</td>
                <td>{s.categories.map((c) => categoryNames[c] ?? c).join("、")}</td>
                <td>{s.power ? yes : ""}</td>
                <td>{s.water ? yes : ""}</td>
                <td>{formatMoney(locale, s.feeFen)}</td>
                <td>{s.publicWelfare ? yes : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
