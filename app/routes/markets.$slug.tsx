import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { sessionLabel } from "~/components/session-label";
import { StallMap } from "~/components/stall-map";
import { FacilityList, KindBadge, sessionLine, weekdaysLine } from "~/components/zone-format";
import { addDays } from "~/domain/calendar";
import { parsePolygon } from "~/domain/geo";
import { localMoment } from "~/domain/market-hours";
import { sessionAvailability, vendorsPresent } from "~/models/booking.server";
import { loadZoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { db } from "~/utils/db.server";
import { publicEnv } from "~/utils/env.server";
import { localized, translator, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = translator(data?.locale ?? "zh-CN");
  return [
    { title: `${data?.zone.name ?? t("error.notFound.title")} · ${t("app.name")}` },
    { name: "description", content: data?.zone.description ?? t("app.description") },
  ];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const zone = params.slug ? await getZoneBySlug(db, params.slug) : undefined;
  if (!zone) throw new Response("Not found", { status: 404 });
  const locale = await getLocale(request);
  const t = translator(locale);
  const calendar = await loadZoneCalendar(db, zone.id);
  const today = localMoment(new Date(), zone.time_zone).date;
  const now = Date.now();
  const sessions = upcomingSessions(calendar!, today, addDays(today, 7)).filter(
    (s) => Date.parse(s.endsAt) > now,
  );
  const asked = new URL(request.url).searchParams.get("session");
  const chosen = sessions.find((s) => `${s.localDate}|${s.key}` === asked) ?? sessions[0];
  const [stalls, present] = chosen
    ? await Promise.all([
        sessionAvailability(db, {
          zoneId: zone.id,
          localDate: chosen.localDate,
          sessionKey: chosen.key,
        }),
        vendorsPresent(db, {
          zoneId: zone.id,
          localDate: chosen.localDate,
          sessionKey: chosen.key,
        }),
      ])
    : [[], []];
  const byStall = new Map(present.map((p) => [p.stall_id, p]));
  const en = locale === "en";
  const vendorName = (p: (typeof present)[number]) =>
    en ? p.name_en || p.display_name : p.display_name;

  // Vendors grouped by category, public-welfare services first: they are what residents look for.
  const groups = new Map<
    string,
    { name: string; welfare: boolean; vendors: { code: string; name: string; products: string }[] }
  >();
  for (const p of [...present].sort(
    (a, b) => b.public_welfare - a.public_welfare || a.sort_order - b.sort_order,
  )) {
    const group = groups.get(p.category_slug) ?? {
      name: en ? p.category_en : p.category_zh,
      welfare: p.public_welfare === 1,
      vendors: [],
    };
    group.vendors.push({
      code: p.code,
      name: vendorName(p),
      products: en ? p.products_en || p.products : p.products,
    });
    groups.set(p.category_slug, group);
  }
  return {
    locale,
    zone: {
      slug: zone.slug,
      name: localized(zone, "name", locale),
      kind: zone.kind,
      address: localized(zone, "address", locale),
      description: localized(zone, "description", locale),
      facilities: {
        has_water: zone.has_water,
        has_power: zone.has_power,
        has_toilets: zone.has_toilets,
        has_cold_storage: zone.has_cold_storage,
        has_parking: zone.has_parking,
        extinguisher_count: zone.extinguisher_count,
      },
    },
    templates: calendar!.templates,
    sessions,
    chosen: chosen ?? null,
    boundary: parsePolygon(zone.boundary)?.coordinates[0] ?? [],
    mapStalls: stalls.map((s) => {
      const vendor = byStall.get(s.id);
      return {
        id: s.id,
        code: s.code,
        tone: vendor ? ("taken" as const) : ("free" as const),
        label: `${s.code} · ${vendor ? vendorName(vendor) : t("market.freeStall")}`,
        ring: parsePolygon(s.geometry)?.coordinates[0] ?? [],
      };
    }),
    freeCount: stalls.filter((s) => s.state === "free").length,
    groups: [...groups.values()],
    tiles: publicEnv(),
  };
}

export default function MarketPage() {
  const { zone, templates, sessions, chosen, boundary, mapStalls, freeCount, groups, tiles } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page stack">
      <div>
        <p>
          <Link to="/markets">← {t("markets.title")}</Link>
        </p>
        <h1>{zone.name}</h1>
        <p>
          <KindBadge t={t} kind={zone.kind} />
        </p>
        {zone.description ? <p className="lead">{zone.description}</p> : null}
        <p className="zone-address">
          <strong>{t("zone.address")}:</strong> {zone.address}
        </p>
        <FacilityList t={t} zone={zone.facilities} />
      </div>
      <section className="card" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t("zone.schedule")}</h2>
        <ul>
          {templates.map((s) => (
            <li key={s.id} className="zone-hours">
              {weekdaysLine(t, s.weekdays)} · {sessionLine(t, s)}
            </li>
          ))}
        </ul>
      </section>
      {chosen ? (
        <section className="stack" aria-labelledby="present-heading">
          <Form method="get" className="card session-picker">
            <div className="field">
              <label htmlFor="session">{t("book.session")}</label>
              <select
                id="session"
                name="session"
                defaultValue={`${chosen.localDate}|${chosen.key}`}
              >
                {sessions.map((s) => (
                  <option key={`${s.localDate}|${s.key}`} value={`${s.localDate}|${s.key}`}>
                    {sessionLabel(t, locale, s)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-quiet">
              {t("book.show")}
            </button>
          </Form>
          <h2 id="present-heading">
            {sessionLabel(t, locale, chosen)} ·{" "}
            {t("market.presentCount", { count: mapStalls.length - freeCount, free: freeCount })}
          </h2>
          <StallMap
            boundary={boundary}
            stalls={mapStalls}
            tiles={{ url: tiles.MAP_TILE_URL, attribution: tiles.MAP_TILE_ATTRIBUTION }}
            label={t("book.mapLabel")}
            loading={t("map.loading")}
          />
          {groups.length === 0 ? (
            <div className="card empty-state">
              <p>{t("market.nobodyYet")}</p>
            </div>
          ) : (
            groups.map((g) => (
              <section
                key={g.name}
                className={`card ${g.welfare ? "welfare" : ""}`}
                aria-label={g.name}
              >
                <h3>
                  {g.name}
                  {g.welfare ? <span className="badge badge-open"> {t("market.free")}</span> : null}
                </h3>
                <ul className="plain-list vendor-list">
                  {g.vendors.map((v) => (
                    <li key={v.code}>
                      <strong className="stall-code">{v.code}</strong> {v.name}
                      <br />
                      <span className="hint">{v.products}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </section>
      ) : (
        <div className="card empty-state">
          <p>{t("market.noSessions")}</p>
        </div>
      )}
    </div>
  );
}
