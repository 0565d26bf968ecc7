import type { Locale, Translate } from "~/utils/i18n";
import { formatLocalDate } from "~/utils/i18n";

export interface SessionLike {
  localDate: string;
  kind: string;
  startTime: string;
  endTime: string;
  title: { zh: string; en: string } | null;
}

/** "12月1日周二 早市 06:00–09:00", or an event's own title. */
export function sessionLabel(t: Translate, locale: Locale, s: SessionLike): string {
  const name = s.title
    ? locale === "en"
      ? s.title.en
      : s.title.zh
    : t(`session.kind.${s.kind as "morning"}`);
  return `${formatLocalDate(locale, s.localDate)} ${name} ${s.startTime}–${s.endTime}`;
}
