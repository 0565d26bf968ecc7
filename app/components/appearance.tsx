// "Next: Fuxin community market, Tue 1 Dec 06:00–09:00, stall C-01", linking to that session.

import { formatLocalDate, formatLocalTime, useLocale, useT } from "~/utils/i18n";
import { QuickLink } from "~/components/quick-link";

export interface AppearanceLike {
  zone_slug: string;
  name_zh: string;
  name_en: string;
  time_zone: string;
  local_date: string;
  session_key: string;
  starts_at: string;
  ends_at: string;
  stall_code: string;
}

export function appearanceWhen(
  locale: ReturnType<typeof useLocale>,
  a: Pick<AppearanceLike, "local_date" | "starts_at" | "ends_at" | "time_zone">,
): string {
  return `${formatLocalDate(locale, a.local_date)} ${formatLocalTime(a.starts_at, a.time_zone)}–${formatLocalTime(a.ends_at, a.time_zone)}`;
}

/** The market page open at that session. */
export function sessionHref(a: Pick<AppearanceLike, "zone_slug" | "local_date" | "session_key">) {
  return `/markets/${a.zone_slug}?session=${encodeURIComponent(`${a.local_date}|${a.session_key}`)}`;
}

export function NextAppearance({ appearance }: { appearance: AppearanceLike | null }) {
  const t = useT();
  const locale = useLocale();
  if (!appearance) return <p className="hint">{t("vendorPage.noUpcoming")}</p>;
  return (
    <p className="next-appearance">
      <strong>{t("vendorPage.next")}</strong>{" "}
      <QuickLink to={sessionHref(appearance)}>
        {locale === "en" ? appearance.name_en : appearance.name_zh}
      </QuickLink>{" "}
      · {appearanceWhen(locale, appearance)} ·{" "}
      <span className="nowrap">{t("vendorPage.stall", { code: appearance.stall_code })}</span>
    </p>
  );
}
