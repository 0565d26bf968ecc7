// How a market's kind, state, hours and facilities are written, in one place for every page.
import type { SessionKind, ZoneKind } from "#db/schema";
import type { DayState } from "~/domain/market-hours";
import type { Translate } from "~/utils/i18n";

export interface HoursLike {
  kind: SessionKind;
  weekdays: string;
  start_time: string;
  end_time: string;
}

export function sessionLine(t: Translate, s: HoursLike): string {
  return `${t(`session.kind.${s.kind}`)} ${s.start_time}–${s.end_time}`;
}

export function weekdaysLine(t: Translate, weekdays: string): string {
  if (weekdays === "1234567") return t("zone.everyDay");
  return weekdays
    .split("")
    .map((d) => t(`weekday.${d}` as Parameters<Translate>[0]))
    .join(t("weekday.separator"));
}

/** "Today: morning 06:00–09:00 · evening …", each session kept on one line. */
export function HoursToday({ t, hours }: { t: Translate; hours: string[] }) {
  const [before, after] = t("zone.hoursToday").split("{hours}");
  return (
    <>
      {before}
      {hours.map((line, i) => (
        <span key={line} className="nowrap">
          {i > 0 ? " · " : null}
          {line}
        </span>
      ))}
      {after}
    </>
  );
}

export function KindBadge({ t, kind }: { t: Translate; kind: ZoneKind }) {
  return <span className="badge badge-kind">{t(`zone.kind.${kind}`)}</span>;
}

export function StateBadge({ t, state }: { t: Translate; state: DayState }) {
  return <span className={`badge badge-${state}`}>{t(`zone.state.${state}`)}</span>;
}

export interface FacilityFlags {
  has_water: number;
  has_power: number;
  has_toilets: number;
  has_cold_storage: number;
  has_parking: number;
  extinguisher_count: number;
}

export function FacilityList({ t, zone }: { t: Translate; zone: FacilityFlags }) {
  const items = [
    zone.has_water ? t("facility.water") : null,
    zone.has_power ? t("facility.power") : null,
    zone.has_toilets ? t("facility.toilets") : null,
    zone.has_cold_storage ? t("facility.coldStorage") : null,
    zone.has_parking ? t("facility.parking") : null,
    zone.extinguisher_count > 0
      ? t("facility.extinguishers", { count: zone.extinguisher_count })
      : null,
  ].filter((item): item is string => item !== null);
  return (
    <ul className="facility-list" aria-label={t("zone.facilities")}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
