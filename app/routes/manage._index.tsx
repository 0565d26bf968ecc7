import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { KindBadge } from "~/components/zone-format";
import { listSubmittedLayouts } from "~/models/layout.server";
import { countVendorsByStatus } from "~/models/vendor.server";
import { listZoneReports } from "~/models/report.server";
import { isOverdue } from "~/domain/reports";
import { inspectionStanding } from "~/models/inspection.server";
import { localMoment, DEFAULT_TIME_ZONE } from "~/domain/market-hours";
import { listZonesWithSchedule, managedZoneIds, managersByZone } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { codesSentToday } from "~/models/phone-code.server";
import { getEnv } from "~/utils/env.server";
import { db } from "~/utils/db.server";
import { formatLocalDate, localized, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("manage.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager", "office");
  const locale = await getLocale(request);
  // The office oversees every zone; a manager sees only the zones assigned to them.
  const zoneIds = user.role === "office" ? undefined : await managedZoneIds(db, user.id);
  const zones = await listZonesWithSchedule(db, { zoneIds, activeOnly: false });
  const [managers, vendorCounts, submitted, openReports] = await Promise.all([
    managersByZone(
      db,
      zones.map((z) => z.id),
    ),
    countVendorsByStatus(db),
    user.role === "office" ? listSubmittedLayouts(db) : Promise.resolve([]),
    listZoneReports(db, zoneIds, { open: true }),
  ]);
  const now = new Date();
  // The county's brake on SMS pumping: the office sees when sign-up codes near the day's cap.
  const cap = getEnv().SMS_CODES_PER_DAY;
  const codes = user.role === "office" ? await codesSentToday(db, now) : 0;
  const standing = await inspectionStanding(
    db,
    zones.map((z) => z.id),
    localMoment(now, DEFAULT_TIME_ZONE).date,
  );
  return {
    locale,
    role: user.role,
    smsCodes: codes >= cap * 0.8 ? { sent: codes, cap } : null,
    vendorCounts,
    layoutsWaiting: submitted.length,
    reports: {
      open: openReports.length,
      overdue: openReports.filter((r) => isOverdue(r, now)).length,
    },
    zones: zones.map((zone) => ({
      slug: zone.slug,
      name: localized(zone, "name", locale),
      kind: zone.kind,
      layoutVersion: zone.layoutVersion,
      stallCount: zone.stalls?.count ?? 0,
      managers: managers.get(zone.id) ?? [],
      inspection: standing.get(zone.id) ?? null,
    })),
  };
}

export default function Manage() {
  const { role, zones, vendorCounts, layoutsWaiting, reports, smsCodes } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page stack">
      <div>
        <h1>{t("manage.title")}</h1>
        <p className="lead">
          {role === "office" ? t("manage.intro.office") : t("manage.intro.manager")}
        </p>
      </div>
      {smsCodes ? (
        <p className="notice notice-warning" role="note">
          {t(
            smsCodes.sent >= smsCodes.cap ? "manage.smsCapReached" : "manage.smsCapNear",
            smsCodes,
          )}
        </p>
      ) : null}
      <section className="card" aria-labelledby="vendors-heading">
        <h2 id="vendors-heading">{t("manage.vendorsTitle")}</h2>
        <p>
          {t("manage.vendorsSummary", {
            approved: vendorCounts.approved,
            pending: vendorCounts.pending,
          })}
        </p>
        <p className="actions">
          <QuickLink to="/manage/vendors" className="button button-primary">
            {t("review.queueLink", { count: vendorCounts.pending })}
          </QuickLink>
          <QuickLink to="/manage/figures" className="button button-quiet">
            {t("manage.figuresLink")}
          </QuickLink>
          <QuickLink to="/ballots" className="button button-quiet">
            {t("manage.ballotsLink")}
          </QuickLink>
          <QuickLink to="/manage/integrity" className="button button-quiet">
            {t("integrity.link")}
          </QuickLink>
          {role === "office" ? (
            <>
              <QuickLink to="/manage/layouts" className="button button-quiet">
                {t("manage.layouts")} ({layoutsWaiting})
              </QuickLink>
              <QuickLink to="/manage/staff" className="button button-quiet">
                {t("staff.link")}
              </QuickLink>
              <QuickLink to="/manage/audit" className="button button-quiet">
                {t("manage.auditLink")}
              </QuickLink>
            </>
          ) : null}
        </p>
      </section>
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("report.inbox")}</h2>
        <p>{t("manage.reportsSummary", { open: reports.open, overdue: reports.overdue })}</p>
        <p>
          <QuickLink
            to="/manage/reports"
            className={reports.overdue ? "button button-primary" : "button button-quiet"}
          >
            {t("report.inbox")}
          </QuickLink>
        </p>
      </section>
      {zones.length === 0 ? (
        <div className="card empty-state">
          <p>{t("manage.none")}</p>
        </div>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("manage.market")}</th>
                <th scope="col">{t("manage.layout")}</th>
                <th scope="col">{t("manage.managers")}</th>
                <th scope="col">{t("manage.inspectionsTitle")}</th>
              </tr>
            </thead>
            <tbody>
              {zones.map((zone) => (
                <tr key={zone.slug}>
                  <th scope="row">
                    <QuickLink to={`/manage/zones/${zone.slug}`}>{zone.name}</QuickLink>
                    <br />
                    <KindBadge t={t} kind={zone.kind} />
                  </th>
                  <td>
                    <QuickLink to={`/manage/zones/${zone.slug}/layout`}>
                      {zone.layoutVersion
                        ? t("manage.layoutVersion", {
                            version: zone.layoutVersion,
                            count: zone.stallCount,
                          })
                        : t("manage.noLayout")}
                    </QuickLink>
                  </td>
                  <td>{zone.managers.join(t("weekday.separator"))}</td>
                  <td>
                    {zone.inspection ? (
                      <QuickLink
                        to={`/manage/zones/${zone.slug}/inspections`}
                        className={
                          zone.inspection.state === "overdue" || zone.inspection.state === "never"
                            ? "overdue-text"
                            : undefined
                        }
                      >
                        {t(`inspection.due.${zone.inspection.state}`, {
                          date: zone.inspection.dueOn
                            ? formatLocalDate(locale, zone.inspection.dueOn)
                            : "",
                        })}
                        {zone.inspection.lateFollowups
                          ? ` · ${t("inspection.lateFollowups", { count: zone.inspection.lateFollowups })}`
                          : ""}
                      </QuickLink>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
