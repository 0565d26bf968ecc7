import "~/locales/staff";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import type { MessageKey } from "~/locales/zh-CN";
import { MessageDeliveries } from "~/components/message-deliveries";
import { currentAnnouncements, postAnnouncement } from "~/models/announcement.server";
import { deliveriesByTopic, resendFailed, topicOf } from "~/models/outbox.server";
import { ResendSchema } from "~/utils/schedule-schemas.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { formatLocalDate, localized, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { AnnouncementSchema } from "~/forms/announcement.server";
import { ANNOUNCEMENT_KINDS } from "~/domain/announcements";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.zone.name, t("announce.title")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const today = localMoment(new Date(), zone.time_zone).date;
  const announcements = await currentAnnouncements(db, zone.id, today);
  const byTopic = await deliveriesByTopic(
    db,
    announcements.map((a) => topicOf("announcement", a.id)),
  );
  return {
    locale,
    today,
    zone: { slug: zone.slug, name: localized(zone, "name", locale) },
    announcements,
    // By announcement id: topics are the server's business (topicOf stays out of the browser).
    deliveries: Object.fromEntries(
      announcements.map((a) => [a.id, byTopic.get(topicOf("announcement", a.id)) ?? []]),
    ),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { user, zone } = await requireZoneManager(request, params.slug);
  const today = localMoment(now, zone.time_zone).date;
  const form = await readFormData(request);
  if (form.get("intent") === "resendMessage") {
    const resend = parseForm(ResendSchema, form);
    const current = await currentAnnouncements(db, zone.id, today);
    const resent =
      resend.ok &&
      (await resendFailed(
        db,
        resend.data.id,
        current.map((a) => topicOf("announcement", a.id)),
        now,
      ));
    if (!resent)
      return data(
        { ok: false as const, errors: { form: "sms.error.notFailed" as MessageKey } },
        { status: 400 },
      );
    return data({ ok: true as const, told: 0, resent: true });
  }
  const parsed = parseForm(AnnouncementSchema, form);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const { kind, title, body, from, to } = parsed.data;
  if (from > to || to < today || to > addDays(today, 366))
    return data(
      { ok: false as const, errors: { to: "announce.error.dates" as MessageKey } },
      { status: 400 },
    );
  const { told } = await postAnnouncement(
    db,
    {
      zoneId: zone.id,
      userId: user.id,
      kind,
      title,
      body,
      startsOn: from,
      endsOn: to,
    },
    now,
  );
  return data({ ok: true as const, told, resent: false });
}

export default function Announcements() {
  const { zone, today, announcements, deliveries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const errors = (result && !result.ok ? result.errors : {}) as Partial<Record<string, MessageKey>>;
  const error = (field: string) =>
    errors[field] ? <p className="field-error">{t(errors[field]!)}</p> : null;
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to={`/manage/zones/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>
          {zone.name} · {t("announce.title")}
        </h1>
      </div>
      {result?.ok ? (
        <p className="notice notice-info" role="status">
          {result.resent ? t("sms.resent") : t("announce.posted", { count: result.told })}
        </p>
      ) : null}
      {errors.form ? (
        <p className="notice notice-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <Form method="post" className="card stack-tight" aria-labelledby="new-heading">
        <h2 id="new-heading">{t("announce.new")}</h2>
        <div className="field">
          <label htmlFor="kind">{t("announce.kind")}</label>
          <select id="kind" name="kind" defaultValue="notice">
            {ANNOUNCEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`announce.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="title">{t("announce.heading")}</label>
          <input id="title" name="title" maxLength={60} required />
          {error("title")}
        </div>
        <div className="field">
          <label htmlFor="body">{t("announce.body")}</label>
          <textarea id="body" name="body" rows={4} maxLength={1000} required />
          {error("body")}
        </div>
        <div className="tool-grid">
          <div className="field">
            <label htmlFor="from">{t("announce.from")}</label>
            <input id="from" name="from" type="date" min={today} defaultValue={today} required />
            {error("from")}
          </div>
          <div className="field">
            <label htmlFor="to">{t("announce.to")}</label>
            <input id="to" name="to" type="date" min={today} defaultValue={today} required />
            {error("to")}
          </div>
        </div>
        <button
          type="submit"
          className="button button-primary"
          disabled={navigation.state !== "idle"}
        >
          {t("announce.post")}
        </button>
      </Form>
      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">{t("announce.title")}</h2>
        {announcements.length === 0 ? (
          <p className="empty-state">{t("announce.none")}</p>
        ) : (
          <ul className="plain-list stack-tight">
            {announcements.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>{" "}
                <span className="badge badge-kind">{t(`announce.kind.${a.kind}`)}</span>
                <br />
                <span className="hint">
                  {t("announce.dates", {
                    from: formatLocalDate(locale, a.starts_on),
                    to: formatLocalDate(locale, a.ends_on),
                  })}
                </span>
                <p>{a.body}</p>
                <MessageDeliveries
                  t={t}
                  deliveries={deliveries[a.id] ?? []}
                  busy={navigation.state !== "idle"}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
