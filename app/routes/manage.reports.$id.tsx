import "~/locales/staff";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isOverdue } from "~/domain/reports";
import type { MessageKey } from "~/locales/zh-CN";
import { actOnReport, getReport, type ReportAction } from "~/models/report.server";
import { managedZoneIds, zoneManagers } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { formatInstant, formatLocalDate, localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { ReportActionSchema } from "~/forms/report-reply.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.report.code, t("report.inbox")]);

async function reportFor(request: Request, id: string | undefined) {
  const user = await requireRole(request, "manager", "office");
  const zoneIds = user.role === "office" ? undefined : await managedZoneIds(db, user.id);
  const reportId = Number(id);
  const report = Number.isSafeInteger(reportId)
    ? await getReport(db, reportId, zoneIds)
    : undefined;
  // Another zone's report answers like a missing one.
  if (!report) throw notFound();
  return { user, report };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const { report } = await reportFor(request, params.id);
  const locale = await getLocale(request);
  const colleagues = await zoneManagers(db, report.zone_id);
  const when = (at: string | null) => (at ? formatInstant(locale, at, report.time_zone) : null);
  return {
    locale,
    colleagues,
    report: {
      id: report.id,
      code: report.code,
      category: report.category,
      status: report.status,
      description: report.description,
      contact: report.contact,
      reply: report.reply,
      hasPhoto: report.photo_name !== null,
      position:
        report.lng !== null && report.lat !== null
          ? `${report.lat.toFixed(6)}, ${report.lng.toFixed(6)}`
          : null,
      market: localized(report, "name", locale),
      slug: report.slug,
      // Made from a stall's card.
      stall: report.stall_code,
      session: report.local_date ? formatLocalDate(locale, report.local_date) : null,
      vendor: report.vendor_id ? { id: report.vendor_id, name: report.vendor_name } : null,
      assignedTo: report.assigned_to,
      created: when(report.created_at)!,
      due: when(report.due_at)!,
      finished: when(report.finished_at),
      overdue: isOverdue(report, now),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { user, report } = await reportFor(request, params.id);
  const parsed = parseForm(ReportActionSchema, await readFormData(request));
  if (!parsed.ok)
    return data(
      {
        ok: false as const,
        error: ((parsed.errors as Record<string, MessageKey>).reply === "report.error.reply"
          ? "report.error.reply"
          : "report.error.notOpen") as MessageKey,
      },
      { status: 400 },
    );
  const asked = parsed.data;
  const act: ReportAction =
    asked.intent === "assign"
      ? { kind: "assign", assigneeId: asked.assignee }
      : asked.intent === "start"
        ? { kind: "start" }
        : asked.intent === "resolve"
          ? { kind: "resolve", reply: asked.reply, upheld: asked.upheld === "on" }
          : { kind: asked.intent, reply: asked.reply };
  const done = await actOnReport(db, { reportId: report.id, userId: user.id, action: act }, now);
  return done
    ? data({ ok: true as const, error: null })
    : data({ ok: false as const, error: "report.error.notOpen" as MessageKey }, { status: 409 });
}

export default function ReportDetail() {
  const { report, colleagues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle";
  const open = report.status === "received" || report.status === "in_progress";
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to="/manage/reports">← {t("report.inbox")}</QuickLink>
        </p>
        <h1>
          {report.market} · {report.code}
        </h1>
        <p className="zone-meta">
          {report.overdue ? (
            <span className="badge badge-rejected">{t("report.overdue")}</span>
          ) : null}
          <span className={`badge badge-report-${report.status}`}>
            {t(`report.status.${report.status}`)}
          </span>
          <span className="badge badge-kind">{t(`report.category.${report.category}`)}</span>
        </p>
      </div>
      {result ? (
        result.ok ? (
          <p className="notice notice-info" role="status">
            {t("report.done")}
          </p>
        ) : (
          <p className="notice notice-error" role="alert">
            {t(result.error!)}
          </p>
        )
      ) : null}
      <section className="card stack-tight" aria-label={t("report.detail")}>
        <p>{report.description}</p>
        <p className="hint">
          {report.created} ·{" "}
          {report.finished
            ? t("report.finishedAt", { at: report.finished })
            : t("report.dueAt", { at: report.due })}
        </p>
        {report.hasPhoto ? (
          <p>
            <a href={`/manage/reports/${report.id}/photo`}>{t("report.photoLink")}</a>
          </p>
        ) : null}
        {report.stall ? (
          <p>
            {t("report.aboutStall", { stall: report.stall })}
            {report.session ? ` · ${report.session}` : ""}
            {report.vendor ? (
              <>
                {" · "}
                <QuickLink to={`/manage/vendors/${report.vendor.id}`}>
                  {t("report.aboutVendor", { vendor: report.vendor.name ?? "" })}
                </QuickLink>
              </>
            ) : null}
          </p>
        ) : null}
        {report.position ? (
          <p>
            {t("report.position")}
            {t("punct.colon")}
            {report.position}
          </p>
        ) : null}
        <p>
          <strong>
            {t("report.contactPrivate")}
            {t("punct.colon")}
          </strong>
          {report.contact ?? t("report.noContact")}
        </p>
        {report.reply ? (
          <p>
            <strong>
              {t("report.reply")}
              {t("punct.colon")}
            </strong>
            {report.reply}
          </p>
        ) : null}
      </section>
      {open ? (
        <>
          <Form method="post" className="card session-picker">
            <div className="field">
              <label htmlFor="assignee">{t("report.assignTo")}</label>
              <select id="assignee" name="assignee" defaultValue={report.assignedTo ?? undefined}>
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.display_name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              name="intent"
              value="assign"
              className="button button-quiet"
              disabled={busy}
            >
              {t("report.assign")}
            </button>
            {report.status === "received" ? (
              <button
                type="submit"
                name="intent"
                value="start"
                className="button button-quiet"
                disabled={busy}
              >
                {t("report.start")}
              </button>
            ) : null}
          </Form>
          <Form method="post" className="card stack-tight">
            <div className="field">
              <label htmlFor="reply">{t("report.replyLabel")}</label>
              <textarea id="reply" name="reply" rows={3} maxLength={2000} required />
            </div>
            {report.vendor ? (
              <div className="field">
                <label className="check">
                  <input type="checkbox" name="upheld" />{" "}
                  {t("integrity.upheldLabel", { name: report.vendor.name ?? "" })}
                </label>
                <p className="hint">{t("integrity.upheldHint")}</p>
              </div>
            ) : null}
            <p className="actions">
              <button
                type="submit"
                name="intent"
                value="resolve"
                className="button button-primary"
                disabled={busy}
              >
                {t("report.resolve")}
              </button>
              <button
                type="submit"
                name="intent"
                value="close"
                className="button button-quiet"
                disabled={busy}
              >
                {t("report.close")}
              </button>
            </p>
          </Form>
        </>
      ) : null}
      <p>
        <QuickLink to={`/reports/${report.code}`}>{t("report.track")}</QuickLink>
      </p>
    </div>
  );
}
