import "~/locales/staff";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { InspectionResult } from "#db/schema";
import { FormError } from "~/components/form-field";
import { sessionLabel, sessionValue } from "~/components/session-label";
import { addDays } from "~/domain/calendar";
import { CHECKLIST, FOLLOWUPS } from "~/domain/inspections";
import { FINDING_ROWS, STALL_FINDINGS } from "~/domain/integrity";
import { localMoment } from "~/domain/market-hours";
import type { MessageKey } from "~/locales/zh-CN";
import {
  completeFollowup,
  inspectionStanding,
  listInspections,
  recordInspection,
  setInspectionInterval,
} from "~/models/inspection.server";
import { zoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readPhotoUpload } from "~/utils/document-upload.server";
import { parseForm } from "~/utils/form.server";
import { formatLocalDate, localized, useLocale, useT, type Params } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { storeUpload, uploadOwner } from "~/utils/upload-store.server";
import { inspectionSchema, IntervalSchema } from "~/forms/inspection.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("inspection.titleFor", { zone: data?.zone.name ?? "" })]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const today = localMoment(new Date(), zone.time_zone).date;
  const [inspections, standing, calendar] = await Promise.all([
    listInspections(db, zone.id),
    inspectionStanding(db, [zone.id], today),
    zoneCalendar(db, zone),
  ]);
  return {
    locale,
    today,
    zone: {
      slug: zone.slug,
      name: localized(zone, "name", locale),
      interval: zone.inspection_interval_days,
    },
    standing: standing.get(zone.id)!,
    // The sessions of the past week and today, to say which one was inspected.
    sessions: upcomingSessions(calendar, addDays(today, -7), today).reverse(),
    inspections,
  };
}

type Errors = Partial<
  Record<"form" | "checklist" | "findings" | "date" | "followup" | "stallFindings", MessageKey>
>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const now = new Date();
  const { user, zone } = await requireZoneManager(request, params.slug);
  const today = localMoment(now, zone.time_zone).date;
  const upload = await readPhotoUpload(request);
  if (!upload.ok)
    return data(
      {
        ok: false as const,
        errors: {
          form: upload.error === "documents.error.badType" ? "report.error.photo" : upload.error,
        } as Errors,
      },
      { status: upload.status },
    );
  const form = upload.fields;
  const intent = form.get("intent");
  if (intent === "done") {
    const id = Number(form.get("followupId"));
    const done =
      Number.isSafeInteger(id) &&
      (await completeFollowup(db, { followupId: id, zoneId: zone.id, userId: user.id }, now));
    return done
      ? data({ ok: true as const, message: "report.done" as MessageKey })
      : data(
          { ok: false as const, errors: { form: "report.error.notOpen" } as Errors },
          { status: 409 },
        );
  }
  if (intent === "interval") {
    const days = IntervalSchema.safeParse(form.get("interval"));
    if (!days.success)
      return data(
        { ok: false as const, errors: { form: "inspection.error.interval" } as Errors },
        { status: 400 },
      );
    await setInspectionInterval(db, { zoneId: zone.id, userId: user.id, days: days.data }, now);
    return data({ ok: true as const, message: "inspection.intervalSaved" as MessageKey });
  }
  const parsed = parseForm(inspectionSchema(today), form);
  if (!parsed.ok)
    return data(
      { ok: false as const, errors: parsed.errors as Errors, errorParams: parsed.errorParams },
      { status: 400 },
    );
  const { date, sessionKey, checklist, findings, followups, stallFindings } = parsed.data;
  const photos: string[] = [];
  if (upload.file) {
    const stored = await storeUpload(
      {
        owner: uploadOwner(user.id, context.clientIp),
        purpose: "inspection_photo",
        bytes: upload.file.bytes,
        ext: upload.file.type.ext,
      },
      now,
    );
    if (!stored.ok)
      return data(
        {
          ok: false as const,
          errors: { form: stored.error } as Errors,
          errorParams: { form: stored.params },
        },
        { status: stored.status },
      );
    photos.push(stored.name);
  }
  const recorded = await recordInspection(
    db,
    {
      zoneId: zone.id,
      userId: user.id,
      localDate: date,
      sessionKey,
      checklist,
      findings,
      photos,
      followups,
      stallFindings,
    },
    now,
  );
  if (!recorded.ok)
    return data(
      {
        ok: false as const,
        errors: { stallFindings: "inspection.error.noVendorAt" } as Errors,
        errorParams: { stallFindings: { stall: recorded.noVendorAt } },
      },
      { status: 400 },
    );
  return data({
    ok: true as const,
    message: "inspection.saved" as MessageKey,
    result: recorded.result,
  });
}

export default function Inspections() {
  const { zone, today, standing, sessions, inspections } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const errors: Errors = result && !result.ok ? result.errors : {};
  const errorParams: Partial<Record<keyof Errors, Params>> =
    result && "errorParams" in result ? (result.errorParams ?? {}) : {};
  const busy = (intent: string) =>
    navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to={`/manage/zones/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>{t("inspection.titleFor", { zone: zone.name })}</h1>
        <p className="lead">{t("inspection.intro")}</p>
        <p>
          <span
            className={`badge ${standing.state === "overdue" || standing.state === "never" ? "badge-rejected" : standing.state === "soon" ? "badge-later" : "badge-approved"}`}
          >
            {t(`inspection.due.${standing.state}`, {
              date: standing.dueOn ? formatLocalDate(locale, standing.dueOn) : "",
            })}
          </span>
          {standing.lateFollowups ? (
            <span className="badge badge-rejected">
              {" "}
              {t("inspection.lateFollowups", { count: standing.lateFollowups })}
            </span>
          ) : null}
        </p>
      </div>
      {result?.ok ? (
        <p className="notice notice-info" role="status">
          {t(
            result.message,
            "result" in result && result.result
              ? { result: t(`inspection.result.${result.result as InspectionResult}`) }
              : undefined,
          )}
        </p>
      ) : null}
      <FormError error={errors.form} params={errorParams.form} />
      <Form
        method="post"
        encType="multipart/form-data"
        className="card stack"
        aria-labelledby="new-heading"
      >
        <h2 id="new-heading">{t("inspection.new")}</h2>
        <div className="tool-grid">
          <div className="field">
            <label htmlFor="date">{t("inspection.date")}</label>
            <input id="date" name="date" type="date" max={today} defaultValue={today} required />
            {errors.date ? <p className="field-error">{t(errors.date)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="session">{t("inspection.session")}</label>
            <select id="session" name="session" defaultValue="">
              <option value="">{t("inspection.wholeZone")}</option>
              {sessions.map((s) => (
                <option key={sessionValue(s)} value={s.key}>
                  {sessionLabel(t, locale, s)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {CHECKLIST.map((item) => (
          <fieldset key={item} className="field checklist-item">
            <legend>{t(`inspection.item.${item}`)}</legend>
            {(["ok", "issue", "na"] as const).map((answer) => (
              <label key={answer} className="check">
                <input
                  type="radio"
                  name={`item-${item}`}
                  value={answer}
                  required
                  defaultChecked={answer === "ok"}
                />{" "}
                {t(`inspection.answer.${answer}`)}
              </label>
            ))}
          </fieldset>
        ))}
        {errors.checklist ? <p className="field-error">{t(errors.checklist)}</p> : null}
        <div className="field">
          <label htmlFor="findings">{t("inspection.findings")}</label>
          <textarea id="findings" name="findings" rows={3} maxLength={2000} />
          {errors.findings ? (
            <p className="field-error">{t(errors.findings, errorParams.findings)}</p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="photo">{t("inspection.photo")}</label>
          <input id="photo" name="photo" type="file" accept="image/jpeg,image/png" />
        </div>
        <fieldset className="field">
          <legend>{t("inspection.followups")}</legend>
          <div className="tool-grid">
            {Array.from({ length: FOLLOWUPS }, (_, i) => i + 1).map((n) => (
              <div key={n} className="tool-wide tool-grid">
                <div className="field">
                  <label htmlFor={`followup-${n}`}>{t("inspection.followupAction", { n })}</label>
                  <input id={`followup-${n}`} name={`followup-${n}`} maxLength={300} />
                </div>
                <div className="field">
                  <label htmlFor={`due-${n}`}>{t("inspection.followupDue", { n })}</label>
                  <input id={`due-${n}`} name={`due-${n}`} type="date" min={today} />
                </div>
              </div>
            ))}
          </div>
          {errors.followup ? (
            <p className="field-error">{t(errors.followup, errorParams.followup)}</p>
          ) : null}
        </fieldset>
        <fieldset className="field">
          <legend>{t("inspection.stallFindings")}</legend>
          <p className="hint">{t("inspection.stallFindingsHint")}</p>
          {Array.from({ length: FINDING_ROWS }, (_, i) => i + 1).map((n) => (
            <div key={n} className="tool-grid finding-row">
              <div className="field">
                <label htmlFor={`finding-stall-${n}`}>{t("inspection.findingStall", { n })}</label>
                <input
                  id={`finding-stall-${n}`}
                  name={`finding-stall-${n}`}
                  maxLength={20}
                  autoCapitalize="characters"
                  placeholder="A-03"
                />
              </div>
              <div className="field">
                <label htmlFor={`finding-kind-${n}`}>{t("inspection.findingKind", { n })}</label>
                <select id={`finding-kind-${n}`} name={`finding-kind-${n}`} defaultValue="">
                  <option value="">{t("inspection.findingNone")}</option>
                  {STALL_FINDINGS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`integrity.kind.${kind}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field tool-wide">
                <label htmlFor={`finding-note-${n}`}>{t("inspection.findingNote", { n })}</label>
                <input id={`finding-note-${n}`} name={`finding-note-${n}`} maxLength={300} />
              </div>
            </div>
          ))}
          {errors.stallFindings ? (
            <p className="field-error">{t(errors.stallFindings, errorParams.stallFindings)}</p>
          ) : null}
        </fieldset>
        <button
          type="submit"
          name="intent"
          value="record"
          className="button button-primary"
          disabled={busy("record")}
        >
          {busy("record") ? t("inspection.saving") : t("inspection.save")}
        </button>
      </Form>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("inspection.history")}</h2>
        {inspections.length === 0 ? (
          <p className="empty-state">{t("inspection.none")}</p>
        ) : (
          <ul className="plain-list stack-tight">
            {inspections.map((i) => (
              <li key={i.id} className="inspection">
                <p>
                  <strong>{formatLocalDate(locale, i.local_date)}</strong>{" "}
                  <span className={`badge badge-inspection-${i.result}`}>
                    {t(`inspection.result.${i.result}`)}
                  </span>{" "}
                  {i.inspector ? (
                    <span className="hint">{t("inspection.by", { name: i.inspector })}</span>
                  ) : null}
                </p>
                {i.findings ? <p>{i.findings}</p> : null}
                {i.photos.map((_, n) => (
                  <a key={n} href={`/manage/inspections/${i.id}/photo/${n}`}>
                    {t("report.photoLink")}
                  </a>
                ))}
                <ul className="hint">
                  {CHECKLIST.filter((item) => i.checklist[item] === "issue").map((item) => (
                    <li key={item}>
                      {t(`inspection.item.${item}`)}
                      {t("punct.colon")}
                      {t("inspection.answer.issue")}
                    </li>
                  ))}
                </ul>
                {i.stallFindings.length ? (
                  <ul className="stack-tight">
                    {i.stallFindings.map((f) => (
                      <li key={f.id}>
                        {t("inspection.findingAt", {
                          stall: f.stall_code,
                          what: t(`integrity.kind.${f.kind}`),
                        })}{" "}
                        <QuickLink to={`/manage/vendors/${f.vendor_id}`}>{f.vendor_name}</QuickLink>
                        {f.note ? (
                          <>
                            {t("punct.colon")}
                            {f.note}
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {i.followups.map((f) => (
                  <Form method="post" encType="multipart/form-data" key={f.id} className="followup">
                    <input type="hidden" name="followupId" value={f.id} />
                    {f.done_at ? (
                      <span>✓ {t("inspection.followupDone", { action: f.action })}</span>
                    ) : (
                      <>
                        <span className={f.due_on < today ? "overdue-text" : ""}>
                          {t("inspection.followupOpen", {
                            action: f.action,
                            due: formatLocalDate(locale, f.due_on),
                          })}
                        </span>{" "}
                        <button
                          type="submit"
                          name="intent"
                          value="done"
                          className="button button-quiet"
                          disabled={busy("done")}
                        >
                          {t("inspection.markDone")}
                        </button>
                      </>
                    )}
                  </Form>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Form method="post" encType="multipart/form-data" className="card session-picker">
        <div className="field">
          <label htmlFor="interval">{t("inspection.interval")}</label>
          <input
            id="interval"
            name="interval"
            type="number"
            min={1}
            max={365}
            defaultValue={zone.interval}
            required
          />
        </div>
        <button
          type="submit"
          name="intent"
          value="interval"
          className="button button-quiet"
          disabled={busy("interval")}
        >
          {t("inspection.intervalSave")}
        </button>
      </Form>
    </div>
  );
}
