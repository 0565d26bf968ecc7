import { useCallback } from "react";
import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BallotNotices } from "~/components/ballot-summary";
import leafletStyles from "leaflet/dist/leaflet.css";
import { categoryColor, swatchClass } from "~/components/category-colors";
import { SessionPicker, sessionLabel, sessionValue } from "~/components/session-label";
import { colorAt, packColors, publishedMap, StallMap, type Describe } from "~/components/stall-map";
import { FacilityList, KindBadge, sessionLine, weekdaysLine } from "~/components/zone-format";
import { addDays, compareIso } from "~/domain/calendar";
import { parsePolygon, ringCenter } from "~/domain/geo";
import { MARKET_RULES } from "~/domain/market-rules";
import { listCategories } from "~/models/category.server";
import { publicReportFigures } from "~/models/report.server";
import { currentAnnouncements } from "~/models/announcement.server";
import { lastInspection } from "~/models/inspection.server";
import { ReportFiguresTable } from "~/components/report-figures";
import { localMoment } from "~/domain/market-hours";
import { sessionView } from "~/models/booking.server";
import { zoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { ballotNotices } from "~/utils/ballot-summary.server";
import { dbFor } from "~/utils/db.server";
import { publicEnv } from "~/utils/env.server";
import { formatLocalDate, localized, translate, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { ballotsTakingApplications } from "~/models/ballot.server";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { notFound } from "~/utils/responses";
import { useRootData } from "~/root";
import { QuickLink } from "~/components/quick-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data?.zone.name,
    image: data ? `/markets/${data.zone.slug}/share.png` : undefined,
    description: data ? `${data.zone.address} · ${data.zone.description}` : undefined,
  });

// The same for every reader without a session: a shared cache may keep it a few seconds.
export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = dbFor(request);
  // Read in one turn: kept facts cost one read of their generation a turn (decision 033).
  const [zone, categoryRows] = await Promise.all([
    params.slug ? getZoneBySlug(db, params.slug) : undefined,
    listCategories(db),
  ]);
  if (!zone) throw notFound();
  const locale = await getLocale(request);
  const calendar = await zoneCalendar(db, zone);
  const now = new Date();
  const today = localMoment(now, zone.time_zone).date;
  const sessions = upcomingSessions(calendar, today, addDays(today, 7)).filter(
    (s) => Date.parse(s.endsAt) > now.getTime(),
  );
  const asked = new URL(request.url).searchParams.get("session");
  const found = sessions.find((s) => sessionValue(s) === asked);
  const chosen = found ?? sessions[0];
  const session = chosen && {
    zoneId: zone.id,
    localDate: chosen.localDate,
    sessionKey: chosen.key,
  };
  // Sent together: the page waits for the database once more, not twice.
  const [{ stalls, present }, [reportFigures, notices, inspected, ballots]] = await Promise.all([
    session ? sessionView(db, session, now) : { stalls: [], present: [] },
    Promise.all([
      publicReportFigures(db, zone.id, now),
      currentAnnouncements(db, zone.id, today),
      lastInspection(db, zone.id),
      ballotsTakingApplications(db, now, { zoneId: zone.id }),
    ]),
  ]);
  const byStall = new Map(present.map((p) => [p.stall_id, p]));
  const en = locale === "en";
  const vendorName = (p: (typeof present)[number]) =>
    en ? p.name_en || p.display_name : p.display_name;

  // Vendors grouped by category, public-welfare services first: they are what residents look for.
  // At a rural market produce comes first: it is what people travel there for.
  const rural = zone.kind === "rural";
  const rank = (p: (typeof present)[number]) =>
    rural && p.category_slug === "fresh_produce" ? 2 : p.public_welfare;
  const groups = new Map<
    string,
    {
      slug: string;
      name: string;
      welfare: boolean;
      vendors: { id: number; code: string; name: string; products: string }[];
    }
  >();
  for (const p of [...present].sort((a, b) => rank(b) - rank(a) || a.sort_order - b.sort_order)) {
    const group = groups.get(p.category_slug) ?? {
      slug: p.category_slug,
      name: en ? p.category_en : p.category_zh,
      welfare: p.public_welfare === 1,
      vendors: [],
    };
    group.vendors.push({
      id: p.vendor_id,
      code: p.code,
      name: vendorName(p),
      products: en ? p.products_en || p.products : p.products,
    });
    groups.set(p.category_slug, group);
  }
  const categoryNames = new Map(categoryRows.map((c) => [c.slug, localized(c, "name", locale)]));
  const stallCategory = (s: (typeof stalls)[number]) =>
    byStall.get(s.id)?.category_slug ?? (s.public_welfare ? "public_welfare" : s.categories[0]);
  const legend = [...new Set(stalls.map(stallCategory))]
    .filter((slug): slug is string => Boolean(slug))
    .map((slug) => ({ slug, name: categoryNames.get(slug) ?? slug }));
  const upcomingClosures = calendar.closures
    .filter((c) => c.ends_on >= today)
    .sort((a, b) => compareIso(a.starts_on, b.starts_on));
  const upcomingEvents = calendar.events
    .filter((e) => e.local_date >= today)
    .sort((a, b) => compareIso(a.local_date, b.local_date));
  const [lng, lat] = ringCenter(parsePolygon(zone.boundary)?.coordinates[0] ?? [[0, 0]]);
  return {
    locale,
    sessionNotFound: Boolean(asked) && !found,
    // Stalls of coming days given out by ballot: residents and vendors hear of it here.
    ballots: ballotNotices(ballots, locale),
    reportFigures,
    notices,
    inspected: inspected ?? null,
    legend,
    closures: upcomingClosures.map((c) => ({
      id: c.id,
      from: c.starts_on,
      to: c.ends_on,
      reason: c.reason,
    })),
    events: upcomingEvents.map((e) => ({
      id: e.id,
      date: e.local_date,
      start: e.start_time,
      end: e.end_time,
      title: en ? e.title_en : e.title_zh,
    })),
    position: { lat, lng },
    zone: {
      slug: zone.slug,
      name: localized(zone, "name", locale),
      name_zh: zone.name_zh,
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
    templates: calendar.templates,
    sessions,
    chosen: chosen ?? null,
    boundary: parsePolygon(zone.boundary)?.coordinates[0] ?? [],
    stallCount: stalls.length,
    // The outlines come from the layout's own file; the page says who is at each stall, and in
    // which category's colour (a palette, and one letter a stall).
    map: publishedMap(stalls, (s) => (byStall.has(s.id) ? "taken" : "free")),
    mapColors: packColors(stalls.map((s) => categoryColor(stallCategory(s)))),
    mapNames: Object.fromEntries(
      stalls.flatMap((s, i) => {
        const vendor = byStall.get(s.id);
        return vendor ? [[i, vendorName(vendor)]] : [];
      }),
    ) as Record<number, string>,
    freeCount: stalls.filter((s) => s.state === "free").length,
    groups: [...groups.values()],
    tiles: publicEnv(),
  };
}

export default function MarketPage() {
  const {
    zone,
    templates,
    sessions,
    chosen,
    sessionNotFound,
    boundary,
    map,
    mapColors,
    mapNames,
    stallCount,
    freeCount,
    groups,
    legend,
    closures,
    events,
    position,
    reportFigures,
    notices,
    inspected,
    tiles,
    ballots,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const geo = `${position.lat.toFixed(6)},${position.lng.toFixed(6)}`;
  const elder = !!useRootData()?.elder;
  // Kept while the page's data and language are: the map redraws only when what it says changes.
  const describeStall = useCallback<Describe>(
    ({ code }, i) => ({
      label: `${code} · ${mapNames[i] ?? translate(locale, "market.freeStall")}`,
      color: colorAt(mapColors, i),
    }),
    [mapNames, mapColors, locale],
  );
  const stallMap = (
    <>
      <StallMap
        boundary={boundary}
        published={map}
        describe={describeStall}
        tiles={tiles.MAP_TILES}
        label={t("book.mapLabel")}
        loading={t("map.loading")}
        unavailable={t("map.unavailable")}
      />
      <ul className="legend" aria-label={t("market.legend")}>
        {legend.map((l) => (
          <li key={l.slug}>
            <span className={swatchClass(l.slug)} aria-hidden="true" />
            {l.name}
          </li>
        ))}
        <li>
          <span className="swatch swatch-vacant" aria-hidden="true" />
          {t("market.legendFree")}
        </li>
      </ul>
    </>
  );
  const vendorGroups = (
    <>
      {groups.length === 0 ? (
        <div className="card empty-state">
          <p>{t("market.nobodyYet")}</p>
        </div>
      ) : (
        groups.map((g) => (
          <section
            key={g.slug}
            className={`card ${g.welfare ? "welfare" : ""}`}
            aria-label={g.name}
          >
            <h3>
              <span className={swatchClass(g.slug)} aria-hidden="true" />
              {g.name}
              {g.welfare ? <span className="badge badge-open"> {t("market.free")}</span> : null}
            </h3>
            <ul className="plain-list vendor-list">
              {g.vendors.map((v) => (
                <li key={v.code}>
                  <strong className="stall-code">{v.code}</strong>{" "}
                  <QuickLink to={`/vendors/${v.id}`}>{v.name}</QuickLink>
                  <br />
                  <span className="hint">{v.products}</span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );

  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to="/markets">← {t("markets.title")}</QuickLink>
        </p>
        <h1>{zone.name}</h1>
        <p>
          <KindBadge t={t} kind={zone.kind} />
        </p>
        {zone.description ? <p className="lead">{zone.description}</p> : null}
        <p className="zone-address">
          <strong>
            {t("zone.address")}
            {t("punct.colon")}
          </strong>
          {zone.address}
        </p>
        <p className="actions">
          <a
            className="button button-quiet"
            href={`https://uri.amap.com/marker?position=${position.lng},${position.lat}&name=${encodeURIComponent(zone.name_zh)}&coordinate=wgs84&callnative=1`}
          >
            {t("market.directions")}
          </a>
          <a className="button button-quiet" href={`geo:${geo}?q=${geo}`}>
            {t("market.openInMapApp")}
          </a>
        </p>
        <FacilityList t={t} zone={zone.facilities} />
        <p className="hint">
          {inspected
            ? t("inspection.last", {
                date: formatLocalDate(locale, inspected.local_date),
                result: t(`inspection.result.${inspected.result}`),
              })
            : t("inspection.never")}
        </p>
      </div>
      <BallotNotices t={t} ballots={ballots} />
      {notices.length ? (
        <section className="stack-tight" aria-label={t("announce.title")}>
          {notices.map((n) => (
            <div key={n.id} className="card announcement">
              <h2>{n.title}</h2>
              <p className="hint">
                {t(`announce.kind.${n.kind}`)} ·{" "}
                {t("announce.dates", {
                  from: formatLocalDate(locale, n.starts_on),
                  to: formatLocalDate(locale, n.ends_on),
                })}
              </p>
              <p>{n.body}</p>
            </div>
          ))}
        </section>
      ) : null}
      <section className="card" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t("zone.schedule")}</h2>
        <ul>
          {templates.map((s) => (
            <li key={s.id} className="zone-hours">
              {weekdaysLine(t, s.weekdays)} · {sessionLine(t, s)}
            </li>
          ))}
        </ul>
        {closures.length > 0 ? (
          <>
            <h3>{t("market.closures")}</h3>
            <ul>
              {closures.map((c) => (
                <li key={c.id}>
                  {c.from === c.to
                    ? formatLocalDate(locale, c.from)
                    : `${formatLocalDate(locale, c.from)} – ${formatLocalDate(locale, c.to)}`}{" "}
                  · {c.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {events.length > 0 ? (
          <>
            <h3>{t("market.events")}</h3>
            <ul>
              {events.map((e) => (
                <li key={e.id}>
                  {formatLocalDate(locale, e.date)} {e.start}–{e.end} · {e.title}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="actions">
          <a className="button button-quiet" href={`/markets/${zone.slug}/calendar.ics`}>
            {t("market.subscribe")}
          </a>
          <a className="button button-quiet" href={`/markets/${zone.slug}/poster`}>
            {t("market.poster")}
          </a>
        </p>
      </section>
      {sessionNotFound ? (
        <p className="notice notice-warning" role="note">
          {t("market.sessionNotFound")}
        </p>
      ) : null}
      {chosen ? (
        <section className="stack" aria-labelledby="present-heading">
          <SessionPicker sessions={sessions} chosen={chosen} />
          <h2 id="present-heading">
            {sessionLabel(t, locale, chosen)} ·{" "}
            {t("market.presentCount", { count: stallCount - freeCount, free: freeCount })}
          </h2>
          {/* In large-text mode the page is simpler: who sells what first, the map after. */}
          {elder ? (
            <>
              {vendorGroups}
              {stallMap}
            </>
          ) : (
            <>
              {stallMap}
              {vendorGroups}
            </>
          )}
        </section>
      ) : (
        <div className="card empty-state">
          <p>{t("market.noSessions")}</p>
        </div>
      )}
      <section className="card stack-tight" aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("report.figures")}</h2>
        <p className="hint">{t("report.figuresIntro")}</p>
        <ReportFiguresTable figures={reportFigures} caption={t("report.figures")} />
        <p className="actions">
          <QuickLink to={`/markets/${zone.slug}/report`} className="button button-primary">
            {t("report.link")}
          </QuickLink>
          <QuickLink to="/reports" className="button button-quiet">
            {t("report.track")}
          </QuickLink>
        </p>
      </section>
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("market.rules")}</h2>
        <ol>
          {MARKET_RULES[locale].map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}
