import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { HoursToday, KindBadge, sessionLine, StateBadge } from "~/components/zone-format";
import { ZoneMap, type MapZone } from "~/components/zone-map";
import { parsePolygon } from "~/domain/geo";
import { zoneToday } from "~/domain/market-hours";
import { listZonesWithSchedule } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { formatLocalDate, localized, translator, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { publicEnv } from "~/utils/env.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, zones] = await Promise.all([getLocale(request), listZonesWithSchedule(db)]);
  const t = translator(locale);
  const now = new Date();
  const items = zones
    .map((zone) => {
      const today = zoneToday(zone.templates, zone.time_zone, now);
      return {
        slug: zone.slug,
        name: localized(zone, "name", locale),
        kind: zone.kind,
        address: localized(zone, "address", locale),
        ring: parsePolygon(zone.boundary)?.coordinates[0] ?? [],
        date: today.date,
        state: today.state,
        hours: today.sessions.map((s) => sessionLine(t, s)),
        sortKey: today.sortKey,
      };
    })
    .sort((a, b) => a.sortKey - b.sortKey);
  return { zones: items, tiles: publicEnv() };
}

export default function Home() {
  const { zones, tiles } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const date = zones[0]?.date;

  const mapZones: MapZone[] = zones
    .map((z, index) => ({
      number: index + 1,
      slug: z.slug,
      name: z.name,
      state: z.state,
      stateLabel: t(`zone.state.${z.state}`),
      hours: z.hours.join(" · ") || t("zone.noSessionToday"),
      href: `/markets/${z.slug}`,
      ring: z.ring,
    }))
    .filter((z) => z.ring.length > 0);

  return (
    <div className="page">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro", { count: zones.length })}</p>
      {zones.length === 0 ? (
        <div className="card empty-state">
          <p>{t("home.empty")}</p>
        </div>
      ) : (
        <div className="home-grid">
          <section className="map-panel" aria-labelledby="map-heading">
            <h2 id="map-heading" className="visually-hidden">
              {t("home.mapLabel")}
            </h2>
            <ZoneMap
              zones={mapZones}
              tiles={{ url: tiles.MAP_TILE_URL, attribution: tiles.MAP_TILE_ATTRIBUTION }}
              labels={{
                region: t("home.mapLabel"),
                loading: t("map.loading"),
                details: t("map.details"),
              }}
            />
            <p className="map-note">{t("map.noTiles")}</p>
          </section>
          <section aria-labelledby="list-heading">
            <a href="#map-heading" className="to-map">
              {t("home.toMap")}
            </a>
            <h2 id="list-heading">
              {t("home.listHeading")}
              {date ? (
                <span className="hint">
                  {" "}
                  · {t("home.todayIn", { date: formatLocalDate(locale, date) })}
                </span>
              ) : null}
            </h2>
            <ul className="zone-list">
              {zones.map((zone, index) => (
                <li key={zone.slug} className="card zone-card">
                  <h3>
                    <span className={`map-pin map-pin-${zone.state}`} aria-hidden="true">
                      {index + 1}
                    </span>{" "}
                    <Link to={`/markets/${zone.slug}`}>{zone.name}</Link>
                  </h3>
                  <div className="zone-meta">
                    <StateBadge t={t} state={zone.state} />
                    <KindBadge t={t} kind={zone.kind} />
                  </div>
                  <p className="zone-hours">
                    {zone.hours.length ? (
                      <HoursToday t={t} hours={zone.hours} />
                    ) : (
                      t("zone.noSessionToday")
                    )}
                  </p>
                  <p className="zone-address">{zone.address}</p>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}
