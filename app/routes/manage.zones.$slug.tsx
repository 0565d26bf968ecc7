import "~/locales/staff";
import { ManageHeader } from "~/components/manage-header";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormError } from "~/components/form-field";
import { sessionLine, weekdaysLine } from "~/components/zone-format";
import { localMoment } from "~/domain/market-hours";
import { MessageDeliveries } from "~/components/message-deliveries";
import { listCategories } from "~/models/category.server";
import { deliveriesByTopic, resendFailed, topicOf } from "~/models/outbox.server";
import { getBookingSettings, zoneCalendar } from "~/models/zone-calendar.server";
import {
  addClosure,
  addEvent,
  addTemplate,
  listClosuresAndEvents,
  removeClosure,
  removeEvent,
  removeTemplate,
  saveBookingSettings,
} from "~/models/zone-schedule.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import {
  parseForm,
  readFormData,
  type FieldErrorParams,
  type FieldErrors,
} from "~/utils/form.server";
import { formatLocalDate, localized, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import {
  ClosureSchema,
  EventSchema,
  RemoveSchema,
  ResendSchema,
  SettingsSchema,
  TemplateSchema,
} from "~/utils/schedule-schemas.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.zone.name, t("manage.title")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const today = localMoment(new Date(), zone.time_zone).date;
  const [calendar, settings, categories, upcoming] = await Promise.all([
    zoneCalendar(db, zone),
    getBookingSettings(db, zone.id),
    listCategories(db),
    listClosuresAndEvents(db, zone.id, today),
  ]);
  const byTopic = await deliveriesByTopic(
    db,
    upcoming.closures.map((c) => topicOf("closure", c.id)),
  );
  return {
    locale,
    today,
    zone: { slug: zone.slug, name: localized(zone, "name", locale) },
    templates: calendar.templates,
    settings,
    categories: categories.map((c) => ({
      slug: c.slug,
      name: locale === "en" ? c.name_en : c.name_zh,
    })),
    ...upcoming,
    // By closure id: topics are the server's business (topicOf stays out of the browser).
    deliveries: Object.fromEntries(
      upcoming.closures.map((c) => [c.id, byTopic.get(topicOf("closure", c.id)) ?? []]),
    ),
  };
}

type Errors = FieldErrors<Record<string, unknown>>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, zone } = await requireZoneManager(request, params.slug);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const now = new Date();
  const actor = { zoneId: zone.id, actorUserId: user.id, now };
  const fail = (errors: Errors, errorParams: FieldErrorParams = {}) =>
    data({ intent, errors, errorParams }, { status: 400 });
  const done = (saved: string, extra = "") =>
    redirect(`/manage/zones/${zone.slug}?saved=${saved}${extra}#${saved}`);
  const today = localMoment(now, zone.time_zone).date;

  if (intent === "addClosure") {
    const parsed = parseForm(ClosureSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.errorParams);
    if (parsed.data.endsOn < today) return fail({ endsOn: "schedule.error.past" });
    const { cancelled } = await addClosure(db, actor, parsed.data);
    return done("closures", `&cancelled=${cancelled}`);
  }
  if (intent === "addEvent") {
    const parsed = parseForm(EventSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.errorParams);
    if (parsed.data.localDate < today) return fail({ localDate: "schedule.error.past" });
    await addEvent(db, actor, parsed.data);
    return done("events");
  }
  if (intent === "addTemplate") {
    const weekdays = form.getAll("weekday").map(String).sort().join("");
    const parsed = parseForm(TemplateSchema, withField(form, "weekdays", weekdays));
    if (!parsed.ok) return fail(parsed.errors, parsed.errorParams);
    await addTemplate(db, actor, parsed.data);
    return done("templates");
  }
  if (intent === "saveSettings") {
    const parsed = parseForm(SettingsSchema, form);
    const categories = await listCategories(db);
    const caps: Record<string, number> = {};
    const errors: Errors = parsed.ok ? {} : { ...parsed.errors };
    for (const c of categories) {
      const raw = String(form.get(`cap_${c.slug}`) ?? "").trim();
      if (raw === "") continue;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0 || value > 500)
        errors[`cap_${c.slug}`] = "schedule.error.number";
      else caps[c.slug] = value;
    }
    if (!parsed.ok || Object.keys(errors).length > 0)
      return fail(errors, parsed.ok ? {} : parsed.errorParams);
    await saveBookingSettings(db, actor, {
      bookingOpensDays: parsed.data.bookingOpensDays,
      bookingClosesMinutes: parsed.data.bookingClosesMinutes,
      weeklyQuota: parsed.data.weeklyQuota,
      cancelDeadlineHours: parsed.data.cancelDeadlineHours,
      noShowThreshold: parsed.data.noShowThreshold,
      noShowWindowDays: parsed.data.noShowWindowDays,
      noShowBanDays: parsed.data.noShowBanDays,
      checkInOpensMinutes: parsed.data.checkInOpensMinutes,
      requiresApproval: parsed.data.requiresApproval === "on",
      categoryCaps: caps,
    });
    return done("settings");
  }
  if (intent === "resendMessage") {
    const parsed = parseForm(ResendSchema, form);
    if (!parsed.ok) return fail({ form: "schedule.error.unknown" });
    const { closures } = await listClosuresAndEvents(db, zone.id, today);
    const resent = await resendFailed(
      db,
      parsed.data.id,
      closures.map((c) => topicOf("closure", c.id)),
      now,
    );
    if (!resent) return fail({ form: "sms.error.notFailed" });
    return done("closures", "&resent=1");
  }
  const removal = parseForm(RemoveSchema, form);
  if (!removal.ok) return fail({ form: "schedule.error.unknown" });
  const { intent: what, id } = removal.data;
  const result =
    what === "removeClosure"
      ? await removeClosure(db, actor, id)
      : what === "removeEvent"
        ? await removeEvent(db, actor, id)
        : await removeTemplate(db, actor, id);
  if (!result) throw notFound();
  const section =
    what === "removeClosure" ? "closures" : what === "removeEvent" ? "events" : "templates";
  return done(section, typeof result === "object" ? `&cancelled=${result.cancelled}` : "");
}

function withField(form: FormData, name: string, value: string) {
  const copy = new FormData();
  for (const [k, v] of form) copy.append(k, v);
  copy.set(name, value);
  return copy;
}

function Section({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`} id={id}>
      <div>
        <h2 id={`${id}-heading`}>{title}</h2>
        {hint ? <p className="hint">{hint}</p> : null}
      </div>
      {children}
    </section>
  );
}

export default function ManageZone() {
  const { zone, templates, closures, events, settings, categories, today, deliveries } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errorsFor = (intent: string): Errors =>
    actionData?.intent === intent ? actionData.errors : {};
  const saved = params.get("saved");
  const cancelled = Number(params.get("cancelled") ?? 0);

  const removeButton = (intent: string, id: number, label: string) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        className="button button-quiet button-small"
        disabled={busy}
        aria-label={label}
      >
        {t("schedule.remove")}
      </button>
    </Form>
  );

  return (
    <div className="page stack">
      <ManageHeader title={zone.name} lead={t("schedule.intro")}>
        <p className="actions">
          <QuickLink to={`/manage/zones/${zone.slug}/day`} className="button button-primary">
            {t("day.link")}
          </QuickLink>
          <QuickLink to={`/manage/zones/${zone.slug}/layout`} className="button button-quiet">
            {t("layout.open")}
          </QuickLink>
          <QuickLink to={`/manage/zones/${zone.slug}/inspections`} className="button button-quiet">
            {t("inspection.link")}
          </QuickLink>
          <QuickLink
            to={`/manage/zones/${zone.slug}/announcements`}
            className="button button-quiet"
          >
            {t("announce.new")}
          </QuickLink>
          <QuickLink to={`/manage/zones/${zone.slug}/ballots`} className="button button-quiet">
            {t("ballotOpen.link")}
          </QuickLink>
          <QuickLink to={`/manage/zones/${zone.slug}/cards`} className="button button-quiet">
            {t("cards.link")}
          </QuickLink>
        </p>
      </ManageHeader>
      {saved && !actionData ? (
        <p className="notice notice-info" role="status">
          {params.get("resent") ? t("sms.resent") : t("schedule.saved")}
          {cancelled > 0 ? ` ${t("schedule.cancelledBookings", { count: cancelled })}` : ""}
        </p>
      ) : null}
      <FormError error={actionData?.errors.form} />

      <Section id="templates" title={t("schedule.templates")} hint={t("schedule.templatesHint")}>
        <ul className="plain-list schedule-list">
          {templates.map((tpl) => (
            <li key={tpl.id}>
              <span>
                {weekdaysLine(t, tpl.weekdays)} · {sessionLine(t, tpl)}
              </span>
              {removeButton(
                "removeTemplate",
                tpl.id,
                t("schedule.removeNamed", { name: sessionLine(t, tpl) }),
              )}
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="schedule-form">
          <input type="hidden" name="intent" value="addTemplate" />
          <Field name="kind" label={t("schedule.kind")} error={errorsFor("addTemplate").kind}>
            {(p) => (
              <select {...p} defaultValue="morning">
                {(["morning", "daytime", "evening", "night"] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`session.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="fieldset">
            <legend>{t("schedule.weekdays")}</legend>
            <div className="weekday-picker">
              {["1", "2", "3", "4", "5", "6", "7"].map((d) => (
                <label key={d} className="checkbox">
                  <input type="checkbox" name="weekday" value={d} />
                  {t(`weekday.${d}` as "weekday.1")}
                </label>
              ))}
            </div>
            {errorsFor("addTemplate").weekdays ? (
              <p className="field-error">{t(errorsFor("addTemplate").weekdays!)}</p>
            ) : null}
          </fieldset>
          <div className="field-row">
            <Field
              name="startTime"
              label={t("schedule.start")}
              error={errorsFor("addTemplate").startTime}
            >
              {(p) => <input {...p} type="time" defaultValue="06:00" />}
            </Field>
            <Field
              name="endTime"
              label={t("schedule.end")}
              error={errorsFor("addTemplate").endTime}
            >
              {(p) => <input {...p} type="time" defaultValue="09:00" />}
            </Field>
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("schedule.addTemplate")}
          </button>
        </Form>
      </Section>

      <Section id="closures" title={t("schedule.closures")} hint={t("schedule.closuresHint")}>
        {closures.length === 0 ? <p className="hint">{t("schedule.noClosures")}</p> : null}
        <ul className="plain-list schedule-list">
          {closures.map((c) => (
            <li key={c.id}>
              <span>
                {formatLocalDate(locale, c.starts_on)}
                {c.ends_on !== c.starts_on ? ` – ${formatLocalDate(locale, c.ends_on)}` : ""} ·{" "}
                {c.reason}
              </span>
              {removeButton("removeClosure", c.id, t("schedule.removeNamed", { name: c.reason }))}
              <MessageDeliveries t={t} deliveries={deliveries[c.id] ?? []} busy={busy} />
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="schedule-form">
          <input type="hidden" name="intent" value="addClosure" />
          <div className="field-row">
            <Field
              name="startsOn"
              label={t("schedule.from")}
              error={errorsFor("addClosure").startsOn}
            >
              {(p) => <input {...p} type="date" min={today} required />}
            </Field>
            <Field name="endsOn" label={t("schedule.to")} error={errorsFor("addClosure").endsOn}>
              {(p) => <input {...p} type="date" min={today} required />}
            </Field>
          </div>
          <Field
            name="reason"
            label={t("schedule.reason")}
            error={errorsFor("addClosure").reason}
            hint={t("schedule.reasonHint")}
          >
            {(p) => <input {...p} required maxLength={200} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("schedule.addClosure")}
          </button>
        </Form>
      </Section>

      <Section id="events" title={t("schedule.events")} hint={t("schedule.eventsHint")}>
        {events.length === 0 ? <p className="hint">{t("schedule.noEvents")}</p> : null}
        <ul className="plain-list schedule-list">
          {events.map((e) => (
            <li key={e.id}>
              <span>
                {formatLocalDate(locale, e.local_date)} {e.start_time}–{e.end_time} ·{" "}
                {locale === "en" ? e.title_en : e.title_zh}
              </span>
              {removeButton("removeEvent", e.id, t("schedule.removeNamed", { name: e.title_zh }))}
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="schedule-form">
          <input type="hidden" name="intent" value="addEvent" />
          <Field
            name="localDate"
            label={t("schedule.date")}
            error={errorsFor("addEvent").localDate}
          >
            {(p) => <input {...p} type="date" min={today} required />}
          </Field>
          <div className="field-row">
            <Field
              name="startTime"
              label={t("schedule.start")}
              error={errorsFor("addEvent").startTime}
            >
              {(p) => <input {...p} type="time" defaultValue="09:00" />}
            </Field>
            <Field name="endTime" label={t("schedule.end")} error={errorsFor("addEvent").endTime}>
              {(p) => <input {...p} type="time" defaultValue="12:00" />}
            </Field>
          </div>
          <Field name="titleZh" label={t("schedule.titleZh")} error={errorsFor("addEvent").titleZh}>
            {(p) => <input {...p} required maxLength={60} lang="zh-CN" />}
          </Field>
          <Field name="titleEn" label={t("schedule.titleEn")} error={errorsFor("addEvent").titleEn}>
            {(p) => <input {...p} maxLength={80} lang="en" />}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("schedule.addEvent")}
          </button>
        </Form>
      </Section>

      <Section id="settings" title={t("settings.title")} hint={t("settings.hint")}>
        <Form method="post" noValidate className="schedule-form">
          <input type="hidden" name="intent" value="saveSettings" />
          <div className="field-row">
            {(
              [
                ["bookingOpensDays", settings.bookingOpensDays],
                ["bookingClosesMinutes", settings.bookingClosesMinutes],
                ["weeklyQuota", settings.weeklyQuota],
                ["cancelDeadlineHours", settings.cancelDeadlineHours],
                ["noShowThreshold", settings.noShowThreshold],
                ["noShowWindowDays", settings.noShowWindowDays],
                ["noShowBanDays", settings.noShowBanDays],
                ["checkInOpensMinutes", settings.checkInOpensMinutes],
              ] as const
            ).map(([name, value]) => (
              <Field
                key={name}
                name={name}
                label={t(`settings.${name}`)}
                error={errorsFor("saveSettings")[name]}
              >
                {(p) => (
                  <input {...p} type="number" inputMode="numeric" min={0} defaultValue={value} />
                )}
              </Field>
            ))}
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              name="requiresApproval"
              defaultChecked={settings.requiresApproval}
            />
            {t("settings.requiresApproval")}
          </label>
          <fieldset className="fieldset">
            <legend>{t("settings.caps")}</legend>
            <p className="hint">{t("settings.capsHint")}</p>
            <div className="field-row">
              {categories.map((c) => (
                <Field
                  key={c.slug}
                  name={`cap_${c.slug}`}
                  label={c.name}
                  error={errorsFor("saveSettings")[`cap_${c.slug}`]}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      defaultValue={settings.categoryCaps[c.slug] ?? ""}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("settings.save")}
          </button>
        </Form>
      </Section>
    </div>
  );
}
