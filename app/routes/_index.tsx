import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useState } from "react";
import { useHydrated, useMediaQuery, WIDE_SCREEN } from "~/components/client-only";
import { MapDialog } from "~/components/map-dialog";
import { SearchForm } from "~/components/search-form";
import { sessionLabel, sessionTimes, sessionValue } from "~/components/session-label";
import { StateBadge } from "~/components/zone-format";
import { ZoneMap, type MapZone } from "~/components/zone-map";
import { QuickLink } from "~/components/quick-link";
import { addDays, compareIso } from "~/domain/calendar";
import { distanceMetres, type Position } from "~/domain/geo";
import { DEFAULT_TIME_ZONE, localMoment, type DayState } from "~/domain/market-hours";
import {
  parseFilters,
  TIMES_OF_DAY,
  WHATS_ON_DAYS,
  ZONE_KINDS,
  type SessionState,
} from "~/domain/whats-on";
import { listCategories } from "~/models/category.server";
import { applyFilters, loadWhatsOn } from "~/models/whats-on.server";
import { dbFor } from "~/utils/db.server";
import { publicEnv } from "~/utils/env.server";
import {
  formatLocalDate,
  localized,
  translator,
  useLocale,
  useT,
  type Translate,
} from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    description: translator(data?.locale ?? "zh-CN")("app.description"),
  });

const STATE_RANK: Record<SessionState, number> = { open: 0, later: 1, coming: 1, ended: 2 };
/** Sessions in the list before the later days become links (the demo's week is about 55). */
const LIST_SESSIONS = 80;

// The same for every reader without a session: a shared cache may keep it a few seconds.
export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request }: LoaderFunctionArgs) {
  const db = dbFor(request);
  const now = new Date();
  const [locale, whatsOn, categories] = await Promise.all([
    getLocale(request),
    loadWhatsOn(db, now),
    listCategories(db),
  ]);
  const t = translator(locale);
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  const { filters, ignored } = parseFilters(new URL(request.url).searchParams, {
    today,
    categories: categories.map((c) => c.slug),
  });
  const zoneById = new Map(whatsOn.zones.map((z) => [z.id, z]));
  const shown = applyFilters(whatsOn.sessions, zoneById, filters);

  // Markets numbered as a resident meets them: open now first, then by their next session.
  const rank: Record<DayState, number> = { open: 0, later: 1, ended: 2, none: 3 };
  const ordered = [...whatsOn.zones].sort(
    (a, b) =>
      rank[a.state] - rank[b.state] || compareIso(a.next?.startsAt ?? "9", b.next?.startsAt ?? "9"),
  );
  const number = new Map(ordered.map((z, i) => [z.id, i + 1]));

  const days = new Map<string, typeof shown>();
  for (const s of shown) days.set(s.localDate, [...(days.get(s.localDate) ?? []), s]);
  // A whole county's week is hundreds of sessions, too many to scroll (or to render on every
  // visit): without a chosen day the list ends with the day that passes LIST_SESSIONS, and the
  // days after it are offered as links.
  const allDays = [...days.entries()];
  let before = 0;
  const listedDays = filters.day
    ? allDays
    : allDays.filter(([, list]) => {
        const listed = before < LIST_SESSIONS;
        before += list.length;
        return listed;
      });
  const laterDays = allDays
    .slice(listedDays.length)
    .map(([date, list]) => ({ date, count: list.length }));
  return {
    locale,
    today,
    filters,
    ignored,
    dayOptions: Array.from({ length: WHATS_ON_DAYS }, (_, i) => addDays(today, i)),
    categories: categories.map((c) => ({ slug: c.slug, name: localized(c, "name", locale) })),
    // Numbered in this order: a session names its market by its number, so what every session
    // of a market shares is sent once (the list is a county's week, hundreds of rows).
    zones: ordered.map((z) => ({
      slug: z.slug,
      number: number.get(z.id)!,
      name: localized(z, "name", locale),
      kind: z.kind,
      state: z.state,
      next: z.next ? sessionLabel(t, locale, z.next) : null,
      ring: z.ring,
      center: z.center,
    })),
    laterDays,
    days: listedDays.map(([date, list]) => ({
      date,
      sessions: list
        .sort(
          (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || compareIso(a.startsAt, b.startsAt),
        )
        .map((s) => {
          const zone = zoneById.get(s.zoneId)!;
          return {
            number: number.get(zone.id)!,
            state: s.state,
            label: sessionTimes(t, locale, s),
            vendors: s.vendors,
            href: `/markets/${zone.slug}?session=${encodeURIComponent(sessionValue(s))}`,
          };
        }),
    })),
    tiles: publicEnv(),
  };
}

function dayHeading(t: Translate, locale: "zh-CN" | "en", today: string, date: string) {
  const when = formatLocalDate(locale, date);
  if (date === today) return t("home.today", { date: when });
  if (date === addDays(today, 1)) return t("home.tomorrow", { date: when });
  return when;
}

function formatDistance(t: Translate, metres: number) {
  return metres < 1000
    ? t("home.distanceM", { m: Math.round(metres / 10) * 10 })
    : t("home.distanceKm", { km: (metres / 1000).toFixed(1) });
}

/** Asks the browser where the reader is; only offered once scripts run. */
function NearMe({ onPosition }: { onPosition: (p: Position | null) => void }) {
  const t = useT();
  const hydrated = useHydrated();
  const [state, setState] = useState<"idle" | "asking" | "on" | "failed">("idle");
  if (!hydrated || !("geolocation" in navigator)) return null;
  return (
    <div className="near-me">
      <button
        type="button"
        className="button button-quiet"
        aria-pressed={state === "on"}
        disabled={state === "asking"}
        onClick={() => {
          if (state === "on") {
            setState("idle");
            onPosition(null);
            return;
          }
          setState("asking");
          navigator.geolocation.getCurrentPosition(
            (p) => {
              setState("on");
              onPosition([p.coords.longitude, p.coords.latitude]);
            },
            () => {
              setState("failed");
              onPosition(null);
            },
            { timeout: 10_000, maximumAge: 300_000 },
          );
        }}
      >
        {state === "asking"
          ? t("home.nearMeAsking")
          : state === "on"
            ? t("home.nearMeOff")
            : t("home.nearMe")}
      </button>
      <span role="status" className="hint">
        {state === "on" ? t("home.nearMeOn") : state === "failed" ? t("home.nearMeFailed") : ""}
      </span>
    </div>
  );
}

/** A folded map, drawn (an emoji's look differs from phone to phone, or is missing). */
const MapIcon = () => (
  <svg
    viewBox="0 0 24 24"
    width="20"
    height="20"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinejoin="round"
  >
    <path d="M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3z" />
    <path d="M9 3v15M15 6v15" />
  </svg>
);

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Session = Data["days"][number]["sessions"][number];

/** One market's session: name, hours and state first, what kind and who is coming after. */
function SessionRow({
  session: s,
  zone,
  distance,
}: {
  session: Session;
  zone: Data["zones"][number];
  distance: string | null;
}) {
  const t = useT();
  return (
    <li className={`session-row session-row-${s.state}`}>
      <span
        className={`map-pin map-pin-${s.state === "coming" ? "none" : s.state}`}
        aria-hidden="true"
      >
        {s.number}
      </span>
      <div>
        <QuickLink to={s.href} className="session-row-name">
          {zone.name}
        </QuickLink>
        <div className="session-row-line">
          <strong className="nowrap">{s.label}</strong>
          {s.state === "coming" ? null : <StateBadge t={t} state={s.state} />}
          {distance ? <span className="badge">{distance}</span> : null}
        </div>
        <div className="hint">
          {t(`zone.kind.${zone.kind}`)} ·{" "}
          {s.vendors > 0 ? t("home.vendorsBooked", { count: s.vendors }) : t("home.noVendorsYet")}
        </div>
      </div>
    </li>
  );
}

export default function Home() {
  const { today, filters, ignored, dayOptions, categories, zones, days, laterDays, tiles } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const filtering = navigation.state === "loading" && navigation.location.pathname === "/";
  const [origin, setOrigin] = useState<Position | null>(null);
  const filtered = Object.values(filters).some(Boolean);
  // The chip that matches the filters in force, if one does.
  const search = [
    filters.day ? `day=${filters.day}` : "",
    filters.time ? `time=${filters.time}` : "",
    filters.category ? `category=${filters.category}` : "",
    filters.kind ? `kind=${filters.kind}` : "",
  ]
    .filter(Boolean)
    .join("&")
    .replace(/^./, (c) => `?${c}`);

  const mapZones: MapZone[] = zones
    .filter((z) => z.ring.length > 0)
    .map((z) => ({
      number: z.number,
      slug: z.slug,
      name: z.name,
      state: z.state,
      stateLabel: t(`zone.state.${z.state}`),
      hours: z.next ? t("home.nextSession", { session: z.next }) : t("home.noSessionThisWeek"),
      href: `/markets/${z.slug}`,
      ring: z.ring,
    }));
  const zoneOf = (s: Session) => zones[s.number - 1]!;
  const distance = (s: Session) => (origin ? distanceMetres(origin, zoneOf(s).center) : 0);
  // Today's markets, or, once all of today's are over, the next day's.
  const openDay = Math.max(
    0,
    days.findIndex((d) => d.sessions.some((s) => s.state !== "ended")),
  );
  const wide = useMediaQuery(WIDE_SCREEN);
  const location = useLocation();
  const navigate = useNavigate();
  const countyMap = (
    <ZoneMap
      zones={mapZones}
      tiles={tiles.MAP_TILES}
      labels={{
        region: t("home.mapLabel"),
        loading: t("map.loading"),
        details: t("map.details"),
        north: t("map.north"),
      }}
    />
  );

  return (
    <div className="page home">
      <h1>{t("home.title")}</h1>
      <p className="lead home-lead">{t("home.intro", { count: zones.length })}</p>
      <SearchForm />
      <nav aria-label={t("home.quick")} className="chips quick-chips">
        {[
          { to: "/", label: t("home.chip.week") },
          { to: `/?day=${today}`, label: t("home.chip.today") },
          { to: `/?day=${today}&time=evening`, label: t("home.chip.tonight") },
          { to: `/?day=${addDays(today, 1)}&time=morning`, label: t("home.chip.tomorrowMorning") },
        ].map((chip) => {
          const on = chip.to === `/${search}`;
          return (
            <QuickLink
              key={chip.to}
              to={chip.to}
              className={on ? "chip chip-on" : "chip"}
              aria-current={on ? "page" : undefined}
            >
              {chip.label}
            </QuickLink>
          );
        })}
      </nav>
      <details className="card filter-box" open={filtered}>
        <summary>{t("home.moreFilters")}</summary>
        <Form method="get" className="filters" aria-label={t("home.filters")}>
          <div className="field">
            <label htmlFor="day">{t("home.filter.day")}</label>
            <select id="day" name="day" defaultValue={filters.day ?? ""}>
              <option value="">{t("home.filter.anyDay")}</option>
              {dayOptions.map((d) => (
                <option key={d} value={d}>
                  {dayHeading(t, locale, today, d)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="time">{t("home.filter.time")}</label>
            <select id="time" name="time" defaultValue={filters.time ?? ""}>
              <option value="">{t("home.filter.anyTime")}</option>
              {TIMES_OF_DAY.map((v) => (
                <option key={v} value={v}>
                  {t(`home.time.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="category">{t("home.filter.category")}</label>
            <select id="category" name="category" defaultValue={filters.category ?? ""}>
              <option value="">{t("home.filter.anyCategory")}</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kind">{t("home.filter.kind")}</label>
            <select id="kind" name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">{t("home.filter.anyKind")}</option>
              {ZONE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`zone.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-actions">
            <button type="submit" className="button button-primary" disabled={filtering}>
              {filtering ? t("home.filtering") : t("home.filter.apply")}
            </button>
            {filtered ? (
              <QuickLink to="/" className="button button-quiet">
                {t("home.filter.clear")}
              </QuickLink>
            ) : null}
          </div>
        </Form>
      </details>
      {ignored.length > 0 ? (
        <p className="notice notice-warning" role="note">
          {t("home.filterIgnored")}
        </p>
      ) : null}
      {zones.length === 0 ? (
        <div className="card empty-state">
          <p>{t("home.empty")}</p>
        </div>
      ) : (
        <div className="home-grid">
          {/* Beside the list on a wide screen; on a phone the map opens over the page. */}
          <section className="map-panel" aria-labelledby="map-heading">
            <h2 id="map-heading" className="visually-hidden">
              {t("home.mapLabel")}
            </h2>
            {wide === false ? null : countyMap}
            <p className="map-note">{t("map.legend")}</p>
          </section>
          <section aria-labelledby="list-heading" className="stack">
            <div className="list-tools">
              <h2 id="list-heading">{t("home.listHeading")}</h2>
              <QuickLink to="#map" keepScroll className="button button-quiet to-map">
                <MapIcon /> {t("home.toMap")}
              </QuickLink>
            </div>
            <NearMe onPosition={setOrigin} />
            {days.length === 0 ? (
              <div className="card empty-state">
                <p>{t("home.nothingMatches")}</p>
                <p>
                  <QuickLink to="/">{t("home.filter.clear")}</QuickLink>
                </p>
              </div>
            ) : (
              days.map((day, i) => {
                const heading = dayHeading(t, locale, today, day.date);
                const sessions = (
                  <ul className="session-list">
                    {(origin
                      ? [...day.sessions].sort((a, b) => distance(a) - distance(b))
                      : day.sessions
                    ).map((s) => (
                      <SessionRow
                        key={s.href}
                        session={s}
                        zone={zoneOf(s)}
                        distance={origin ? formatDistance(t, distance(s)) : null}
                      />
                    ))}
                  </ul>
                );
                // The day that answers "where is the market today?" is open; the others fold
                // to a line each, so the week stays short on a phone.
                return i === openDay ? (
                  <section key={day.date} aria-label={heading}>
                    <h3 className="day-heading">{heading}</h3>
                    {sessions}
                  </section>
                ) : (
                  <details key={day.date} className="day-fold">
                    <summary>
                      <h3 className="day-heading">{heading}</h3>
                      <span className="hint">
                        {day.sessions.every((s) => s.state === "ended")
                          ? t("home.dayEnded")
                          : t("home.sessionsCount", { count: day.sessions.length })}
                      </span>
                    </summary>
                    {sessions}
                  </details>
                );
              })
            )}
            {laterDays.length > 0 ? (
              <nav className="card stack" aria-labelledby="later-days">
                <h3 id="later-days" className="day-heading">
                  {t("home.laterDays", {
                    count: laterDays.reduce((n, d) => n + d.count, 0),
                  })}
                </h3>
                <ul className="chips">
                  {laterDays.map((d) => (
                    <li key={d.date}>
                      <QuickLink
                        className="chip"
                        to={`/?${new URLSearchParams({
                          ...Object.fromEntries(new URLSearchParams(search)),
                          day: d.date,
                        }).toString()}`}
                      >
                        {dayHeading(t, locale, today, d.date)} ·{" "}
                        {t("home.sessionsCount", { count: d.count })}
                      </QuickLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </section>
        </div>
      )}
      {wide === false ? (
        <MapDialog
          open={location.hash === "#map"}
          openedBy={location.key}
          title={t("home.mapLabel")}
          closeLabel={t("home.closeMap")}
          onClose={() => {
            // Closed by going back already (the browser's Back): nothing more to do.
            if (location.hash !== "#map" || window.location.hash !== "#map") return;
            // The same page without the map, in place of the map's entry. Never a step back:
            // under load a close and the browser's Back could both step, and leave the site
            // (seen in CI as a blank page). Back after closing shows the list again, unmoved.
            navigate(location.pathname + location.search, {
              replace: true,
              preventScrollReset: true,
            });
          }}
        >
          {() => (
            <>
              {countyMap}
              <p className="map-note">{t("map.legend")}</p>
            </>
          )}
        </MapDialog>
      ) : null}
    </div>
  );
}
