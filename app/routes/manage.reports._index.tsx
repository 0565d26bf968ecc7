import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-header";
import { isOverdue } from "~/domain/reports";
import { listZoneReports } from "~/models/report.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatInstant, localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("report.inbox")]);

// The managers' inbox of problem reports: their zones' (the office: every zone's), soonest due
// first, the overdue ones marked.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager", "office");
  const locale = await getLocale(request);
  const open = new URL(request.url).searchParams.get("show") !== "finished";
  const zoneIds = user.role === "office" ? undefined : await managedZoneIds(db, user.id);
  const reports = await listZoneReports(db, zoneIds, { open });
  const now = new Date();
  // Medium dates in both languages: "2026年11月29日" and "Nov 29, 2026", never "11/29/26".
  const when = (at: string, timeZone: string) => formatInstant(locale, at, timeZone);
  return {
    locale,
    open,
    reports: reports.map((r) => ({
      id: r.id,
      code: r.code,
      category: r.category,
      status: r.status,
      description: r.description.length > 80 ? `${r.description.slice(0, 80)}…` : r.description,
      market: localized(r, "name", locale),
      assignee: r.assignee,
      created: when(r.created_at, r.time_zone),
      due: when(r.due_at, r.time_zone),
      overdue: isOverdue(r, now),
    })),
  };
}

export default function ReportInbox() {
  const { open, reports } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="page stack">
      <ManageHeader title={t("report.inbox")} lead={t("report.inboxIntro")} />
      <nav className="chips" aria-label={t("report.inbox")}>
        <QuickLink
          to="/manage/reports"
          className={open ? "chip chip-on" : "chip"}
          aria-current={open ? "page" : undefined}
        >
          {t("report.open")}
        </QuickLink>
        <QuickLink
          to="/manage/reports?show=finished"
          className={!open ? "chip chip-on" : "chip"}
          aria-current={params.get("show") === "finished" ? "page" : undefined}
        >
          {t("report.finished")}
        </QuickLink>
      </nav>
      {reports.length === 0 ? (
        <div className="card empty-state">
          <p>{t("report.none")}</p>
        </div>
      ) : (
        <ul className="plain-list stack-tight">
          {reports.map((r) => (
            <li key={r.id} className={`card report-card ${r.overdue ? "report-overdue" : ""}`}>
              <p className="zone-meta">
                {r.overdue ? (
                  <span className="badge badge-rejected">{t("report.overdue")}</span>
                ) : null}
                <span className={`badge badge-report-${r.status}`}>
                  {t(`report.status.${r.status}`)}
                </span>
                <span className="badge badge-kind">{t(`report.category.${r.category}`)}</span>
              </p>
              <h2 className="report-title">
                <QuickLink to={`/manage/reports/${r.id}`}>
                  {r.market} · {r.code}
                </QuickLink>
              </h2>
              <p>{r.description}</p>
              <p className="hint">
                {r.created} · {t("report.dueAt", { at: r.due })} ·{" "}
                {r.assignee ? t("report.assignee", { name: r.assignee }) : t("report.unassigned")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
