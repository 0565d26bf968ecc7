import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-header";
import type { VendorStatus } from "#db/schema";
import { VendorStatusBadge } from "~/components/vendor-status";
import { countVendorsByStatus, listVendorsByStatus } from "~/models/vendor.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

const STATUSES: VendorStatus[] = [
  "pending",
  "changes_requested",
  "approved",
  "suspended",
  "rejected",
];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("review.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "manager", "office");
  const url = new URL(request.url);
  const asked = url.searchParams.get("status");
  // An unknown status shows the review queue rather than an error.
  const status = STATUSES.find((s) => s === asked) ?? "pending";
  const [locale, vendors, counts] = await Promise.all([
    getLocale(request),
    listVendorsByStatus(db, status),
    countVendorsByStatus(db),
  ]);
  return { locale, status, vendors, counts };
}

export default function ReviewQueue() {
  const { status, vendors, counts } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page stack">
      <ManageHeader title={t("review.title")} lead={t("review.intro")} />
      <nav aria-label={t("review.filter")} className="tabs">
        {STATUSES.map((s) => (
          <NavLink
            key={s}
            to={`/manage/vendors?status=${s}`}
            className={() => (s === status ? "tab active" : "tab")}
            aria-current={s === status ? "page" : undefined}
          >
            {t(`vendor.status.${s}`)} ({counts[s]})
          </NavLink>
        ))}
      </nav>
      {vendors.length === 0 ? (
        <div className="card empty-state">
          <p>{t(status === "pending" ? "review.emptyPending" : "review.empty")}</p>
        </div>
      ) : (
        <ul className="zone-list">
          {vendors.map((v) => (
            <li key={v.id} className="card">
              <h2 className="h3">
                <QuickLink to={`/manage/vendors/${v.id}`}>{v.display_name}</QuickLink>
              </h2>
              <p>
                <VendorStatusBadge t={t} status={v.status} />{" "}
                {locale === "en" ? v.category_en : v.category_zh} · {v.legal_name}
              </p>
              <p className="hint">{locale === "en" ? v.products_en || v.products : v.products}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
