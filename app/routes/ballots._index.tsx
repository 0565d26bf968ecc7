// Every ballot: open for applications, closed, drawn; with its market, days and window.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BallotSummary } from "~/components/ballot-summary";
import { listBallots } from "~/models/ballot.server";
import { ballotSummary } from "~/utils/ballot-summary.server";
import { db } from "~/utils/db.server";
import { translator, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = translator(data?.locale ?? "zh-CN");
  return pageMeta({
    matches,
    locale: data?.locale,
    title: t("ballots.title"),
    description: t("ballots.intro"),
  });
};

export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const now = new Date();
  const ballots = await listBallots(db);
  return {
    locale,
    ballots: ballots.map((b) => ballotSummary(b, locale, now)),
  };
}

export default function Ballots() {
  const { ballots } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page narrow stack">
      <div>
        <h1>{t("ballots.title")}</h1>
        <p className="lead">{t("ballots.intro")}</p>
      </div>
      {ballots.length === 0 ? (
        <div className="card empty-state">
          <p>{t("ballots.empty")}</p>
        </div>
      ) : (
        <ul className="zone-list">
          {ballots.map((b) => (
            <li key={b.id} className="card zone-card">
              <h2>
                <QuickLink to={`/ballots/${b.id}`}>{b.title}</QuickLink>
              </h2>
              <BallotSummary t={t} ballot={b} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
