// The integrity record as pages show it: each event with its source and outcome in the reader's
// language, and a quarter's name.
import type { IntegrityEventRow } from "~/models/integrity.server";
import { formatLocalDate, localized, translate, type Locale } from "./i18n";

export function quarterLabel(locale: Locale, quarter: string) {
  return translate(locale, "integrity.quarter", { year: quarter.slice(0, 4), q: quarter.slice(6) });
}

export function integrityEventView(e: IntegrityEventRow, locale: Locale) {
  const date = formatLocalDate(locale, e.local_date);
  return {
    id: e.id,
    kind: e.kind,
    date,
    market: localized({ name_zh: e.zone_zh, name_en: e.zone_en }, "name", locale),
    zoneSlug: e.zone_slug,
    vendor: { id: e.vendor_id, name: e.vendor_name },
    source:
      e.source_type === "booking"
        ? translate(locale, "integrity.source.booking", { date, stall: e.booking_stall ?? "" })
        : e.source_type === "report"
          ? translate(locale, "integrity.source.report", { code: e.report_code ?? "" })
          : translate(locale, "integrity.source.finding", { date, stall: e.finding_stall ?? "" }),
    /** The public page of the report it came from, if it came from one. */
    reportCode: e.source_type === "report" ? e.report_code : null,
    reason: e.reason,
    effect: e.effect,
    deducts: e.deducts,
    annulReason: e.annul_reason,
    appeal: e.appeal_state
      ? { state: e.appeal_state, text: e.appeal_text ?? "", note: e.appeal_note ?? "" }
      : null,
    mayAppeal: e.mayAppeal,
    mayAnnul: e.mayAnnul,
    mayDecide: e.mayDecide,
  };
}

export type IntegrityEventView = ReturnType<typeof integrityEventView>;
