import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  FacilityList,
  KindBadge,
  sessionLine,
  StateBadge,
  weekdaysLine,
} from "~/components/zone-format";
import { zoneToday } from "~/domain/market-hours";
import { listZonesWithSchedule } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { formatMoney, localized, translator, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: translator(data?.locale ?? "zh-CN")("markets.title"),
  });

// The same for every reader without a session: a shared cache may keep it a few seconds.
export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, zones] = await Promise.all([getLocale(request), listZonesWithSchedule(db)]);
  const now = new Date();
  return {
    locale,
    zones: zones.map((zone) => ({
      slug: zone.slug,
      name: localized(zone, "name", locale),
      kind: zone.kind,
      address: localized(zone, "address", locale),
      description: localized(zone, "description", locale),
      state: zoneToday(zone.templates, zone.time_zone, now).state,
      templates: zone.templates,
      stalls: zone.stalls,
      facilities: {
        has_water: zone.has_water,
        has_power: zone.has_power,
        has_toilets: zone.has_toilets,
        has_cold_storage: zone.has_cold_storage,
        has_parking: zone.has_parking,
        extinguisher_count: zone.extinguisher_count,
      },
    })),
  };
}

export default function Markets() {
  const { zones } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page">
      <h1>{t("markets.title")}</h1>
      <p className="lead">{t("markets.intro")}</p>
      {zones.length === 0 ? (
        <div className="card empty-state">
          <p>{t("home.empty")}</p>
        </div>
      ) : (
        <ul className="zone-list">
          {zones.map((zone) => (
            <li key={zone.slug} id={zone.slug} className="card zone-card">
              <h2>
                <QuickLink to={`/markets/${zone.slug}`}>{zone.name}</QuickLink>
              </h2>
              <div className="zone-meta">
                <StateBadge t={t} state={zone.state} />
                <KindBadge t={t} kind={zone.kind} />
              </div>
              {zone.description ? <p>{zone.description}</p> : null}
              <h3>{t("zone.schedule")}</h3>
              <ul>
                {zone.templates.map((s) => (
                  <li key={`${s.kind}-${s.weekdays}-${s.start_time}`} className="zone-hours">
                    {weekdaysLine(t, s.weekdays)} · {sessionLine(t, s)}
                  </li>
                ))}
              </ul>
              {zone.stalls ? (
                <p>
                  {t("markets.stallsAndFees", {
                    count: zone.stalls.count,
                    min: formatMoney(locale, zone.stalls.minFeeFen),
                    max: formatMoney(locale, zone.stalls.maxFeeFen),
                  })}
                  {zone.stalls.publicWelfare > 0
                    ? `${t("weekday.separator")}${t("markets.freeStalls", { count: zone.stalls.publicWelfare })}`
                    : null}
                </p>
              ) : null}
              <p className="zone-address">
                <strong>
                  {t("zone.address")}
                  {t("punct.colon")}
                </strong>
                {zone.address}
              </p>
              <FacilityList t={t} zone={zone.facilities} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
