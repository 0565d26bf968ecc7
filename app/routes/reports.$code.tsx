import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isOverdue } from "~/domain/reports";
import { getPublicReport } from "~/models/report.server";
import { db } from "~/utils/db.server";
import { formatInstant, localized, translator, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data
      ? translator(data.locale)("report.trackTitle", { code: data.report.code })
      : undefined,
  });

// A report's status page, for the person who sent it (and anyone they give the code to): what
// was reported, where it stands, and the managers' answer. Nothing about who sent it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  const report = /^[0-9A-Z]{8}$/.test(code) ? await getPublicReport(db, code) : undefined;
  if (!report) throw notFound();
  const locale = await getLocale(request);
  const when = (at: string | null) => (at ? formatInstant(locale, at, report.time_zone) : null);
  return {
    locale,
    isNew: new URL(request.url).searchParams.get("new") === "1",
    report: {
      code: report.code,
      category: report.category,
      description: report.description,
      status: report.status,
      reply: report.reply,
      market: localized(report, "name", locale),
      slug: report.slug,
      submittedAt: when(report.created_at)!,
      dueAt: when(report.due_at)!,
      finishedAt: when(report.finished_at),
      overdue: isOverdue(report, new Date()),
    },
  };
}

export default function ReportStatus() {
  const { report, isNew } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page narrow stack">
      {isNew ? (
        <p className="notice notice-info" role="status">
          {t("report.thanks", { code: report.code })}
        </p>
      ) : null}
      <div>
        <p>
          <QuickLink to={`/markets/${report.slug}`}>← {report.market}</QuickLink>
        </p>
        <h1>{t("report.trackTitle", { code: report.code })}</h1>
        <p className="zone-meta">
          <span className={`badge badge-report-${report.status}`}>
            {t(`report.status.${report.status}`)}
          </span>
          <span className="badge badge-kind">{t(`report.category.${report.category}`)}</span>
          {report.overdue ? (
            <span className="badge badge-rejected">{t("report.overdue")}</span>
          ) : null}
        </p>
      </div>
      <section className="card stack-tight">
        <p>{report.description}</p>
        <p className="hint">
          {t("report.submittedAt", { at: report.submittedAt })} ·{" "}
          {report.finishedAt
            ? t("report.finishedAt", { at: report.finishedAt })
            : t("report.dueAt", { at: report.dueAt })}
        </p>
      </section>
      <section className="card" aria-labelledby="reply-heading">
        <h2 id="reply-heading">{t("report.reply")}</h2>
        <p>{report.reply ?? t("report.noReplyYet")}</p>
      </section>
      <p>
        <QuickLink to="/reports">{t("report.track")}</QuickLink>
      </p>
    </div>
  );
}
