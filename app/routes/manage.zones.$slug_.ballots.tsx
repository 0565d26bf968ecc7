// A market's ballots for its managers and the office: open one (days, sessions, the window,
// the rows it gives out, the newcomers' share, the look-back, category caps), follow it, and
// after the draw move a winner whose stall cannot be used, with a reason published beside the
// results.
import "~/locales/staff";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BallotSummary } from "~/components/ballot-summary";
import { Field, FormError, SubmitButton } from "~/components/form-field";
import { stallRow } from "~/domain/ballot-rules";
import { addDays, localToUtc } from "~/domain/calendar";
import { localMoment, timeOfDay } from "~/domain/market-hours";
import { BallotCorrectSchema, BallotOpenSchema, readRowsAndCaps } from "~/forms/ballot-open.server";
import type { MessageKey } from "~/locales/zh-CN";
import { correctBallotPlace, currentPlaces, openPlannedBallot } from "~/models/ballot-admin.server";
import { listBallots } from "~/models/ballot.server";
import { listCategories } from "~/models/category.server";
import { loadZoneCalendar } from "~/models/zone-calendar.server";
import { approvedStalls } from "~/models/zone.server";
import { requireZoneManager } from "~/utils/auth.server";
import { ballotSummary } from "~/utils/ballot-summary.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { localized, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.zone.name, t("ballotOpen.title")]);

/** What the form offers: the layout's rows with their stall counts, its categories, its kinds. */
async function choices(zone: { id: number }) {
  const [stalls, categories, calendar] = await Promise.all([
    approvedStalls(db, zone.id),
    listCategories(db),
    loadZoneCalendar(db, zone.id),
  ]);
  const rows = new Map<string, number>();
  for (const s of stalls) rows.set(stallRow(s.code), (rows.get(stallRow(s.code)) ?? 0) + 1);
  const taken = new Set(stalls.flatMap((s) => s.categories));
  return {
    rows: [...rows].map(([row, count]) => ({ row, count })),
    codes: stalls.map((s) => s.code),
    categories: categories.filter((c) => taken.has(c.slug)),
    kinds: [...new Set(calendar?.templates.map((t) => t.kind) ?? [])],
  };
}

/** `YYYY-MM-DDTHH:MM` on the market's clock, as a `datetime-local` field holds it. */
function localInput(instant: Date, timeZone: string) {
  const { date, minutes } = localMoment(instant, timeZone);
  return `${date}T${timeOfDay(minutes)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const now = new Date();
  const today = localMoment(now, zone.time_zone).date;
  const [offered, ballots] = await Promise.all([
    choices(zone),
    listBallots(db, { zoneIds: [zone.id] }),
  ]);
  const listed = await Promise.all(
    ballots.map(async (b) => ({
      ...ballotSummary(b, locale, now),
      // Winners can be moved until the ballot's last day.
      correction: b.drawn_at && b.last_date >= today ? await currentPlaces(db, b.id) : null,
    })),
  );
  return {
    locale,
    zone: { slug: zone.slug, name: localized(zone, "name", locale) },
    rows: offered.rows,
    kinds: offered.kinds,
    categories: offered.categories.map((c) => ({
      slug: c.slug,
      name: locale === "en" ? c.name_en : c.name_zh,
    })),
    defaults: {
      firstDate: addDays(today, 28),
      lastDate: addDays(today, 34),
      opens: localInput(now, zone.time_zone),
      closes: `${addDays(today, 14)}T20:00`,
    },
    ballots: listed,
  };
}

type Errors = Partial<Record<string, MessageKey>>;

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { user, zone } = await requireZoneManager(request, params.slug);
  const form = await readFormData(request);
  const values = Object.fromEntries(
    [...form].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v)]),
  );
  if (form.get("intent") === "correct") {
    const parsed = parseForm(BallotCorrectSchema, form);
    if (!parsed.ok)
      return data(
        { intent: "correct", ballot: values.ballot, errors: parsed.errors as Errors, values },
        { status: 400 },
      );
    const ballot = (await listBallots(db, { zoneIds: [zone.id] })).find(
      (b) => b.public_id === parsed.data.ballot,
    );
    if (!ballot)
      return data(
        {
          intent: "correct",
          ballot: values.ballot,
          errors: { form: "ballotCorrect.refusal.notDrawn" } as Errors,
          values,
        },
        { status: 400 },
      );
    const result = await correctBallotPlace(
      db,
      {
        ballotId: ballot.id,
        applicationId: parsed.data.application,
        toStall: parsed.data.toStall,
        reason: parsed.data.reason,
        actorUserId: user.id,
      },
      now,
    );
    if (!result.ok)
      return data(
        {
          intent: "correct",
          ballot: parsed.data.ballot,
          errors: { form: `ballotCorrect.refusal.${result.code}` } as Errors,
          values,
        },
        { status: 409 },
      );
    return data({ intent: "correct", ballot: parsed.data.ballot, corrected: true });
  }

  const parsed = parseForm(BallotOpenSchema, form);
  const offered = await choices(zone);
  const extra = readRowsAndCaps(form, {
    rows: offered.rows.map((r) => r.row),
    categories: offered.categories.map((c) => c.slug),
    codes: offered.codes,
  });
  if (!parsed.ok || !extra.ok)
    return data(
      {
        intent: "open",
        errors: {
          ...(parsed.ok ? {} : parsed.errors),
          ...(extra.ok ? {} : extra.errors),
        } as Errors,
        values,
      },
      { status: 400 },
    );
  const p = parsed.data;
  const instant = (v: string) => localToUtc(v.slice(0, 10), v.slice(11), zone.time_zone);
  const result = await openPlannedBallot(
    db,
    {
      zoneId: zone.id,
      titleZh: p.titleZh,
      titleEn: p.titleEn || p.titleZh,
      firstDate: p.firstDate,
      lastDate: p.lastDate,
      sessionKind: p.sessionKind || null,
      opensAt: instant(p.opens),
      closesAt: instant(p.closes),
      newcomerShare: p.newcomerShare / 100,
      lookbackMonths: p.lookbackMonths,
      categoryCaps: extra.caps,
      rows: extra.rows,
      leaveOut: extra.leaveOut,
      actorUserId: user.id,
    },
    now,
  );
  if (!result.ok) {
    const errors: Errors = {};
    for (const [field, problem] of Object.entries(result.problems))
      errors[field] = `ballotOpen.problem.${problem}`;
    return data({ intent: "open", errors, values }, { status: 400 });
  }
  return data({ intent: "open", opened: result });
}

export default function ZoneBallots() {
  const { zone, rows, kinds, categories, defaults, ballots } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const sending = (intent: string) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const failed = result && "errors" in result ? result : null;
  const openErrors: Errors = failed?.intent === "open" ? failed.errors : {};
  // A correction's answer is said in its own ballot's form, where the manager is looking.
  const answered = result?.intent === "correct" ? (result as { ballot?: string }).ballot : null;
  const correctErrors: Errors = failed?.intent === "correct" ? failed.errors : {};
  const typed = failed?.intent === "open" ? (failed.values as Record<string, string>) : null;
  const value = (name: keyof typeof defaults) => typed?.[name] ?? defaults[name];
  const opened = result && "opened" in result ? result.opened : null;
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to={`/manage/zones/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>
          {zone.name} · {t("ballotOpen.title")}
        </h1>
        <p className="lead">{t("ballotOpen.intro")}</p>
      </div>

      {opened ? (
        <div className="notice notice-info" role="status">
          <p>
            {t("ballotOpen.opened", { count: opened.stalls })}{" "}
            {opened.leftOut.length
              ? t("ballotOpen.leftOut", { codes: opened.leftOut.join("、") })
              : null}
          </p>
          <p>
            <QuickLink to={`/ballots/${opened.publicId}`}>{t("ballotOpen.viewPublic")}</QuickLink>
          </p>
        </div>
      ) : null}

      <section className="stack" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("ballotOpen.list")}</h2>
        {ballots.length === 0 ? (
          <div className="card empty-state">
            <p>{t("ballotOpen.none")}</p>
          </div>
        ) : (
          <ul className="zone-list">
            {ballots.map((b) => (
              <li key={b.id} className="card zone-card stack-tight">
                <h3>
                  <QuickLink to={`/ballots/${b.id}`}>{b.title}</QuickLink>
                </h3>
                <BallotSummary t={t} ballot={b} />
                {b.correction ? (
                  <details className="disclosure" open={answered === b.id}>
                    <summary>{t("ballotCorrect.heading")}</summary>
                    <p className="hint">{t("ballotCorrect.intro")}</p>
                    {answered === b.id && result && "corrected" in result ? (
                      <p className="notice notice-info" role="status">
                        {t("ballotCorrect.done")}{" "}
                        <QuickLink to={`/ballots/${b.id}`}>{t("ballotOpen.viewPublic")}</QuickLink>
                      </p>
                    ) : null}
                    {b.correction.free.length === 0 || b.correction.winners.length === 0 ? (
                      <p className="empty-state">{t("ballotCorrect.noneFree")}</p>
                    ) : (
                      <Form
                        method="post"
                        className="stack-tight"
                        // A new form once a winner has moved: what was typed for it is done.
                        key={b.correction.winners.map((w) => w.stall).join()}
                      >
                        <input type="hidden" name="intent" value="correct" />
                        <input type="hidden" name="ballot" value={b.id} />
                        <FormError error={answered === b.id ? correctErrors.form : undefined} />
                        <Field
                          name={`application-${b.id}`}
                          label={t("ballotCorrect.application")}
                          error={answered === b.id ? correctErrors.application : undefined}
                        >
                          {(p) => (
                            <select {...p} name="application" required defaultValue="">
                              <option value="">{t("ballotCorrect.choose")}</option>
                              {b.correction!.winners.map((w) => (
                                <option key={w.id} value={w.id}>
                                  {w.stall} · {w.id}
                                </option>
                              ))}
                            </select>
                          )}
                        </Field>
                        <Field
                          name={`toStall-${b.id}`}
                          label={t("ballotCorrect.toStall")}
                          error={answered === b.id ? correctErrors.toStall : undefined}
                        >
                          {(p) => (
                            <select {...p} name="toStall" required defaultValue="">
                              <option value="">{t("ballotCorrect.choose")}</option>
                              {b.correction!.free.map((code) => (
                                <option key={code} value={code}>
                                  {code}
                                </option>
                              ))}
                            </select>
                          )}
                        </Field>
                        <Field
                          name={`reason-${b.id}`}
                          label={t("ballotCorrect.reason")}
                          error={answered === b.id ? correctErrors.reason : undefined}
                        >
                          {(p) => (
                            <textarea {...p} name="reason" rows={2} maxLength={200} required />
                          )}
                        </Field>
                        <SubmitButton
                          pending={sending("correct")}
                          label={t("ballotCorrect.submit")}
                          pendingLabel={t("ballotCorrect.sending")}
                        />
                      </Form>
                    )}
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Form method="post" className="card stack-tight" aria-labelledby="new-heading" noValidate>
        <h2 id="new-heading">{t("ballotOpen.new")}</h2>
        <input type="hidden" name="intent" value="open" />
        <FormError
          error={Object.keys(openErrors).length ? "ballotOpen.error.summary" : undefined}
        />
        <Field
          name="titleZh"
          label={t("ballotOpen.titleZh")}
          hint={t("ballotOpen.titleZhHint")}
          error={openErrors.titleZh}
        >
          {(p) => <input {...p} maxLength={60} required defaultValue={typed?.titleZh} />}
        </Field>
        <Field name="titleEn" label={t("ballotOpen.titleEn")} error={openErrors.titleEn}>
          {(p) => <input {...p} maxLength={80} lang="en" defaultValue={typed?.titleEn} />}
        </Field>
        <div className="tool-grid">
          <Field name="firstDate" label={t("ballotOpen.firstDate")} error={openErrors.firstDate}>
            {(p) => <input {...p} type="date" required defaultValue={value("firstDate")} />}
          </Field>
          <Field name="lastDate" label={t("ballotOpen.lastDate")} error={openErrors.lastDate}>
            {(p) => <input {...p} type="date" required defaultValue={value("lastDate")} />}
          </Field>
        </div>
        <Field name="sessionKind" label={t("ballotOpen.sessionKind")}>
          {(p) => (
            <select {...p} defaultValue={typed?.sessionKind ?? ""}>
              <option value="">{t("ballotOpen.allKinds")}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`session.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="stack-tight">
          <Field name="opens" label={t("ballotOpen.opens")} error={openErrors.opens}>
            {(p) => <input {...p} type="datetime-local" required defaultValue={value("opens")} />}
          </Field>
          <Field
            name="closes"
            label={t("ballotOpen.closes")}
            hint={t("ballotOpen.closesHint")}
            error={openErrors.closes}
          >
            {(p) => <input {...p} type="datetime-local" required defaultValue={value("closes")} />}
          </Field>
        </div>
        <fieldset className="stack-tight">
          <legend>{t("ballotOpen.rows")}</legend>
          {openErrors.rows ? <p className="field-error">{t(openErrors.rows)}</p> : null}
          <div className="checkbox-grid">
            {rows.map((r) => (
              <label key={r.row} className="checkbox">
                <input
                  type="checkbox"
                  name={`row.${r.row}`}
                  defaultChecked={typed ? typed[`row.${r.row}`] === "on" : true}
                />
                {t("ballotOpen.row", { row: r.row, count: r.count })}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          name="leaveOut"
          label={t("ballotOpen.leaveOut")}
          hint={t("ballotOpen.leaveOutHint")}
          error={openErrors.leaveOut}
        >
          {(p) => <input {...p} maxLength={2000} defaultValue={typed?.leaveOut} />}
        </Field>
        <div className="stack-tight">
          <Field
            name="newcomerShare"
            label={t("ballotOpen.share")}
            hint={t("ballotOpen.shareHint")}
            error={openErrors.newcomerShare}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={0}
                max={50}
                required
                defaultValue={typed?.newcomerShare ?? 20}
              />
            )}
          </Field>
          <Field
            name="lookbackMonths"
            label={t("ballotOpen.lookback")}
            hint={t("ballotOpen.lookbackHint")}
            error={openErrors.lookbackMonths}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={36}
                required
                defaultValue={typed?.lookbackMonths ?? 6}
              />
            )}
          </Field>
        </div>
        <details className="disclosure">
          <summary>{t("ballotOpen.caps")}</summary>
          {openErrors.caps ? <p className="field-error">{t(openErrors.caps)}</p> : null}
          <div className="tool-grid">
            {categories.map((c) => (
              <div key={c.slug} className="field">
                <label htmlFor={`cap-${c.slug}`}>{c.name}</label>
                <input
                  id={`cap-${c.slug}`}
                  name={`cap.${c.slug}`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  defaultValue={typed?.[`cap.${c.slug}`]}
                />
              </div>
            ))}
          </div>
        </details>
        <SubmitButton
          pending={sending("open")}
          label={t("ballotOpen.submit")}
          pendingLabel={t("ballotOpen.submitting")}
        />
      </Form>
    </div>
  );
}
