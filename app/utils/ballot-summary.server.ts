// A ballot row as the summary component shows it, in the reader's language and the market's
// time: the same for the public list, a ballot's page and the managers' pages.
import type { SessionKind } from "#db/schema";
import type { BallotSummaryData } from "~/components/ballot-summary";
import { ballotState } from "~/models/ballot.server";
import { formatInstant, formatLocalDate, localized, type Locale } from "./i18n";

export interface BallotRow {
  public_id: string;
  title_zh: string;
  title_en: string;
  zone_slug: string;
  zone_name_zh: string;
  zone_name_en: string;
  time_zone: string;
  first_date: string;
  last_date: string;
  session_kind: SessionKind | null;
  opens_at: string;
  closes_at: string;
  drawn_at: string | null;
  stalls: number;
  applications: number;
}

/** Ballots taking applications as a market's or booking page announces them. */
export function ballotNotices(
  ballots: Pick<BallotRow, "public_id" | "title_zh" | "title_en" | "closes_at" | "time_zone">[],
  locale: Locale,
) {
  return ballots.map((b) => ({
    id: b.public_id,
    title: localized(b, "title", locale),
    closes: formatInstant(locale, b.closes_at, b.time_zone),
  }));
}

export function ballotSummary(b: BallotRow, locale: Locale, now: Date) {
  const summary: BallotSummaryData = {
    state: ballotState(b, now),
    market: localized({ name_zh: b.zone_name_zh, name_en: b.zone_name_en }, "name", locale),
    marketSlug: b.zone_slug,
    first: formatLocalDate(locale, b.first_date),
    last: formatLocalDate(locale, b.last_date),
    sessionKind: b.session_kind,
    opens: formatInstant(locale, b.opens_at, b.time_zone),
    closes: formatInstant(locale, b.closes_at, b.time_zone),
    stalls: b.stalls,
    applications: b.applications,
  };
  return { id: b.public_id, title: localized(b, "title", locale), ...summary };
}
