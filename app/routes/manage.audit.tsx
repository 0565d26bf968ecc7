import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-header";
import { isValidDate } from "~/domain/calendar";
import { DEFAULT_TIME_ZONE } from "~/domain/market-hours";
import type { MessageKey } from "~/locales/zh-CN";
import { AUDIT_PAGE, listAudit } from "~/models/audit.server";
import { listStaff } from "~/models/staff.server";
import { listZoneNames } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatInstant, localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("audit.title")]);

const KINDS = [
  "vendor",
  "booking",
  "zone",
  "layout",
  "report",
  "inspection",
  "announcement",
  "user",
  "waitlist",
  "integrity",
] as const;

// The append-only audit log, for the county office: who changed what, when, before and after.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "office");
  const locale = await getLocale(request);
  const params = new URL(request.url).searchParams;
  const number = (name: string) => {
    const n = Number(params.get(name));
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  const date = (name: string) => {
    const d = params.get(name) ?? "";
    return isValidDate(d) ? d : undefined;
  };
  const kind = params.get("kind") ?? "";
  const filters = {
    zoneId: number("zone"),
    actorId: number("person"),
    kind: (KINDS as readonly string[]).includes(kind) ? kind : undefined,
    from: date("from"),
    to: date("to"),
    beforeId: number("before"),
  };
  const [entries, zones, people] = await Promise.all([
    listAudit(db, filters),
    listZoneNames(db),
    listStaff(db),
  ]);
  const next = new URLSearchParams(params);
  if (entries.length === AUDIT_PAGE) next.set("before", String(entries.at(-1)!.id));
  return {
    locale,
    filters,
    zones: zones.map((z) => ({ id: z.id, name: localized(z, "name", locale) })),
    people,
    nextPage: entries.length === AUDIT_PAGE ? `?${next}` : null,
    entries: entries.map((e) => ({
      id: e.id,
      at: formatInstant(locale, e.at, e.zone_time_zone ?? DEFAULT_TIME_ZONE, {
        dateStyle: "medium",
        timeStyle: "medium",
      }),
      action: e.action,
      entity: `${e.entity_type} ${e.entity_id ?? ""}`,
      actor: e.actor_name,
      forVendor: e.for_vendor_name,
      zone: e.zone_zh ? (locale === "en" ? e.zone_en : e.zone_zh) : null,
      before: e.before,
      after: e.after,
    })),
  };
}

export default function AuditLog() {
  const { filters, zones, people, entries, nextPage } = useLoaderData<typeof loader>();
  const t = useT();
  const label = (action: string) => {
    const key = `audit.${action}` as MessageKey;
    const text = t(key);
    return text === key ? action : text;
  };
  return (
    <div className="page stack">
      <ManageHeader title={t("audit.title")} lead={t("audit.intro")} />
      <Form method="get" className="card filters">
        <div className="field">
          <label htmlFor="zone">{t("manage.market")}</label>
          <select id="zone" name="zone" defaultValue={filters.zoneId ?? ""}>
            <option value="">{t("home.filter.anyKind")}</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="person">{t("audit.person")}</label>
          <select id="person" name="person" defaultValue={filters.actorId ?? ""}>
            <option value="">{t("home.filter.anyKind")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.display_name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">{t("audit.kind")}</label>
          <select id="kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("home.filter.anyKind")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`audit.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("audit.from")}</label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("audit.to")}</label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {t("home.filter.apply")}
          </button>
          <QuickLink to="/manage/audit" className="button button-quiet">
            {t("home.filter.clear")}
          </QuickLink>
        </div>
      </Form>
      {entries.length === 0 ? (
        <div className="card empty-state">
          <p>{t("audit.none")}</p>
        </div>
      ) : (
        <div className="card table-scroll audit-table">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.person")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("manage.market")}</th>
                <th scope="col">{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.at}</td>
                  <td>
                    {e.actor ?? t("audit.system")}
                    {e.forVendor ? (
                      <>
                        <br />
                        <span className="hint">{t("audit.forVendor", { name: e.forVendor })}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {label(e.action)}
                    <br />
                    <span className="hint">{e.entity}</span>
                  </td>
                  <td>{e.zone ?? ""}</td>
                  <td className="audit-change">
                    {e.before ? <code>{e.before}</code> : null}
                    {e.before && e.after ? " → " : null}
                    {e.after ? <code>{e.after}</code> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextPage ? (
        <p>
          <QuickLink to={nextPage}>{t("audit.older")}</QuickLink>
        </p>
      ) : null}
    </div>
  );
}
