import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-header";
import { CHECK_IDS } from "~/domain/layout-checks";
import { listSubmittedLayouts } from "~/models/layout.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatInstant, localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("layout.review.queue")]);

// The county office's queue: every layout a zone has submitted, oldest first.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "office");
  const locale = await getLocale(request);
  const layouts = await listSubmittedLayouts(db);
  return {
    locale,
    layouts: layouts.map((l) => ({
      id: l.id,
      version: l.version,
      zone: localized(l, "name", locale),
      submittedBy: l.submitted_by_name ?? "",
      submittedAt: l.submitted_at ? formatInstant(locale, l.submitted_at, l.time_zone) : "",
      passed: l.checks_passed === 1,
    })),
  };
}

export default function LayoutQueue() {
  const { layouts } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page stack">
      <ManageHeader title={t("layout.review.queue")} />
      {layouts.length === 0 ? (
        <div className="card empty-state">
          <p>{t("layout.review.none")}</p>
        </div>
      ) : (
        <ul className="plain-list stack">
          {layouts.map((l) => (
            <li key={l.id} className="card">
              <h2>{t("layout.review.title", { zone: l.zone, version: l.version })}</h2>
              <p className="hint">
                {t("layout.review.submittedBy", { name: l.submittedBy, at: l.submittedAt })}
              </p>
              <p>
                <span className={`badge ${l.passed ? "badge-approved" : "badge-rejected"}`}>
                  {l.passed
                    ? t("layout.checksAllPassed", { count: CHECK_IDS.length })
                    : t("layout.check.failed")}
                </span>
              </p>
              <QuickLink to={`/manage/layouts/${l.id}`} className="button button-primary">
                {t("layout.review.open")}
              </QuickLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
