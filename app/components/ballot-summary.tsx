// A ballot at a glance, the same in the list and on its page: state, market, days, window, counts.

import type { SessionKind } from "#db/schema";
import type { BallotState } from "~/domain/ballot-rules";
import type { Translate } from "~/utils/i18n";
import { QuickLink } from "~/components/quick-link";

export interface BallotSummaryData {
  state: BallotState;
  market: string;
  marketSlug: string;
  first: string;
  last: string;
  /** Only sessions of this kind; every session of its days when null. */
  sessionKind: SessionKind | null;
  opens: string;
  closes: string;
  stalls: number;
  applications: number;
}

/** "These stalls go by ballot; applications close …", a line for each ballot, linked. */
export function BallotNotices({
  t,
  ballots,
}: {
  t: Translate;
  ballots: { id: string; title: string; closes: string }[];
}) {
  return ballots.map((b) => (
    <p key={b.id} className="notice notice-info">
      <QuickLink to={`/ballots/${b.id}`}>{b.title}</QuickLink>{" "}
      {t("market.ballotCloses", { closes: b.closes })}
    </p>
  ));
}

export function BallotSummary({ t, ballot: b }: { t: Translate; ballot: BallotSummaryData }) {
  return (
    <>
      <p className="zone-meta">
        <span className={`badge badge-ballot-${b.state}`}>{t(`ballots.state.${b.state}`)}</span>
      </p>
      <p>
        {t("ballots.market")}
        <QuickLink to={`/markets/${b.marketSlug}`}>{b.market}</QuickLink>
      </p>
      <p>
        {t("ballots.dates", { first: b.first, last: b.last })}
        {b.sessionKind
          ? ` ${t("ballots.onlyKind", { kind: t(`session.kind.${b.sessionKind}`) })}`
          : null}
      </p>
      <p className="hint">{t("ballots.window", { opens: b.opens, closes: b.closes })}</p>
      <p className="hint">
        {t("ballots.counts", { stalls: b.stalls, applications: b.applications })}
      </p>
    </>
  );
}
