import { Form } from "@remix-run/react";
import type { Locale, Translate } from "~/utils/i18n";
import { formatLocalDate, useLocale, useT } from "~/utils/i18n";

export interface SessionLike {
  localDate: string;
  kind: string;
  startTime: string;
  endTime: string;
  title: { zh: string; en: string } | null;
}

/** "早市 06:00–09:00", or an event's own title and times. */
export function sessionTimes(t: Translate, locale: Locale, s: Omit<SessionLike, "localDate">) {
  const name = s.title
    ? locale === "en"
      ? s.title.en
      : s.title.zh
    : t(`session.kind.${s.kind as "morning"}`);
  return `${name} ${s.startTime}–${s.endTime}`;
}

/** "12月1日周二 早市 06:00–09:00". */
export function sessionLabel(t: Translate, locale: Locale, s: SessionLike): string {
  return `${formatLocalDate(locale, s.localDate)} ${sessionTimes(t, locale, s)}`;
}

/** The value a session travels as in forms and URLs: "2026-12-01|t3". */
export function sessionValue(s: { localDate: string; key: string }): string {
  return `${s.localDate}|${s.key}`;
}

/** The labelled session select of the booking page, the market page and the day sheet. */
export function SessionSelect({
  sessions,
  chosen,
}: {
  /** A note after a session, such as when its booking opens. */
  sessions: (SessionLike & { key: string; note?: string | null })[];
  chosen: { localDate: string; key: string } | null | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="field">
      <label htmlFor="session">{t("book.session")}</label>
      <select id="session" name="session" defaultValue={chosen ? sessionValue(chosen) : undefined}>
        {sessions.map((s) => (
          <option key={sessionValue(s)} value={sessionValue(s)}>
            {sessionLabel(t, locale, s)}
            {s.note ? (locale === "en" ? ` (${s.note})` : `（${s.note}）`) : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The session list with its Show button: a page of one session, chosen by a GET form. */
export function SessionPicker({ sessions, chosen }: Parameters<typeof SessionSelect>[0]) {
  const t = useT();
  return (
    <Form method="get" className="card session-picker">
      <SessionSelect sessions={sessions} chosen={chosen} />
      <button type="submit" className="button button-quiet">
        {t("book.show")}
      </button>
    </Form>
  );
}
