// A ballot's public page: the rules, the commitment to the seed from the opening, the digest of
// the applications from the close, and after the draw the seed, every place and the file to
// check it with (docs/ballot-draw.md).
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BallotSummary } from "~/components/ballot-summary";
import { TableScroll } from "~/components/table-scroll";
import { ballotCorrections } from "~/models/ballot-admin.server";
import { getPublicBallot } from "~/models/ballot.server";
import { ballotSummary } from "~/utils/ballot-summary.server";
import { db } from "~/utils/db.server";
import { formatInstant, formatShare, translator, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data?.title,
    description: translator(data?.locale ?? "zh-CN")("ballots.intro"),
  });

export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ballot = params.id ? await getPublicBallot(db, params.id) : undefined;
  if (!ballot) throw notFound();
  const [locale, corrections] = await Promise.all([
    getLocale(request),
    ballotCorrections(db, ballot.id),
  ]);
  const at = (instant: string | null) =>
    instant ? formatInstant(locale, instant, ballot.time_zone) : "";
  return {
    locale,
    ...ballotSummary(ballot, locale, new Date()),
    months: ballot.lookback_months,
    share: formatShare(ballot.newcomer_share),
    commitment: ballot.commitment,
    committedAt: at(ballot.created_at),
    digest: ballot.inputs_digest,
    closedAt: at(ballot.closed_at),
    seed: ballot.seed,
    // A manager's corrections after the draw, beside the draw they correct (which never changes).
    corrections: corrections.map((c) => ({
      id: c.application_public_id,
      from: c.from_stall,
      to: c.to_stall,
      reason: c.reason,
      at: at(c.created_at),
    })),
    places: (ballot.places ?? []).map((p) => ({
      ...p,
      group: ballot.groups?.get(p.id) ?? "regular",
    })),
  };
}

export default function Ballot() {
  const b = useLoaderData<typeof loader>();
  const t = useT();
  const verifyHref = `/ballots/verify?${new URLSearchParams({
    commitment: b.commitment,
    ...(b.digest ? { digest: b.digest } : {}),
  }).toString()}`;
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to="/ballots">← {t("ballots.title")}</QuickLink>
        </p>
        <h1>{b.title}</h1>
        <BallotSummary t={t} ballot={b} />
        {b.state === "open" ? (
          <p>
            <QuickLink className="button button-primary" to={`/ballots/${b.id}/apply`}>
              {t("ballots.applyButton")}
            </QuickLink>
          </p>
        ) : null}
      </div>

      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("ballots.rulesHeading")}</h2>
        <ol>
          <li>{t("ballots.rule.groups", { months: b.months })}</li>
          <li>{t("ballots.rule.newcomers", { share: b.share })}</li>
          <li>{t("ballots.rule.order")}</li>
        </ol>
      </section>

      <section className="card stack" aria-labelledby="proof-heading">
        <h2 id="proof-heading">{t("ballots.proofHeading")}</h2>
        <div>
          <h3>{t("ballots.commitment", { time: b.committedAt })}</h3>
          <p className="mono">{b.commitment}</p>
          <p className="hint">{t("ballots.commitmentHint")}</p>
        </div>
        {b.digest ? (
          <div>
            <h3>{t("ballots.digest", { time: b.closedAt })}</h3>
            <p className="mono">{b.digest}</p>
          </div>
        ) : null}
        {b.seed ? (
          <>
            <div>
              <h3>{t("ballots.seed")}</h3>
              <p className="mono">{b.seed}</p>
            </div>
            <p className="actions">
              <a
                className="button button-primary"
                href={`/ballots/${b.id}/results.json`}
                download={`ballot-${b.id}-results.json`}
              >
                {t("ballots.download")}
              </a>
              <QuickLink className="button button-quiet" to={verifyHref}>
                {t("ballots.verifyLink")}
              </QuickLink>
            </p>
          </>
        ) : (
          <p className="notice notice-info">{t("ballots.notDrawnYet")}</p>
        )}
      </section>

      {b.corrections.length > 0 ? (
        <section className="card" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">{t("ballots.correctionsHeading")}</h2>
          <p className="hint">{t("ballots.correctionsNote")}</p>
          <ul className="plain-list stack-tight">
            {b.corrections.map((c) => (
              <li key={`${c.id}-${c.at}-${c.to}`}>
                {t("ballots.correction", { at: c.at, id: c.id, from: c.from, to: c.to })}
                <br />
                <span className="hint">
                  {t("ballots.correctionReason")}
                  {c.reason}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {b.places.length > 0 ? (
        <section aria-labelledby="places-heading">
          <h2 id="places-heading">{t("ballots.placesHeading")}</h2>
          <p className="hint">{t("ballots.placesNote")}</p>
          <TableScroll label={t("ballots.placesHeading")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("ballots.place")}</th>
                  <th scope="col">{t("ballots.application")}</th>
                  <th scope="col">{t("ballots.group")}</th>
                  <th scope="col">{t("ballots.stall")}</th>
                </tr>
              </thead>
              <tbody>
                {b.places.map((p) => (
                  <tr key={p.id}>
                    <td>{p.place}</td>
                    <td className="mono">{p.id}</td>
                    <td>{t(`ballots.group.${p.group}`)}</td>
                    <td>
                      {p.stall ? (
                        <span className="stall-code">{p.stall}</span>
                      ) : (
                        t("ballots.waiting")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </div>
  );
}
