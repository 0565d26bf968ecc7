import type { Locale, Translate } from "~/utils/i18n";
import { formatLocalDate } from "~/utils/i18n";

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
