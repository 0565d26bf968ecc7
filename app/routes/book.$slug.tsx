import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import leafletStyles from "leaflet/dist/leaflet.css";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { refusalMessage, refusalOf, type RefusalLike } from "~/components/refusal-message";
import { SessionSelect, sessionLabel, sessionValue } from "~/components/session-label";
import { packStalls, StallMap, type StallTone } from "~/components/stall-map";
import { parsePolygon } from "~/domain/geo";
import { publicEnv } from "~/utils/env.server";
import { bookingClosesAt } from "~/domain/booking-rules";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import {
  bookSeries,
  bookStall,
  MAX_SERIES_WEEKS,
  newIdempotencyKey,
  sessionAvailability,
  type Alternative,
  type StallState,
} from "~/models/booking.server";
import { listCategories } from "~/models/category.server";
import {
  getBookingSettings,
  loadZoneCalendar,
  upcomingSessions,
} from "~/models/zone-calendar.server";
import { joinWaitlist } from "~/models/waitlist.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import {
  formatLocalDate,
  formatCount,
  formatMoney,
  localized,
  translator,
  useLocale,
  useT,
  type Translate,
} from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { countAttempt, LIMITS, limitWait, retryAfterHeaders } from "~/utils/rate-limit.server";
import { WaitlistSchema, BookSchema } from "~/forms/booking.server";
import { notFound } from "~/utils/responses";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.zone.name, t("book.title")]);

async function zoneFrom(slug: string | undefined) {
  const zone = slug ? await getZoneBySlug(db, slug) : undefined;
  if (!zone) throw notFound();
  return zone;
}

export const headers = retryAfterHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request);
  const zone = await zoneFrom(params.slug);
  const locale = await getLocale(request);
  const [calendar, settings, categories] = await Promise.all([
    loadZoneCalendar(db, zone.id),
    getBookingSettings(db, zone.id),
    listCategories(db),
  ]);
  const now = new Date();
  const today = localMoment(now, zone.time_zone).date;
  // The sessions a vendor can still book: inside the window, not yet closed.
  const sessions = upcomingSessions(
    calendar!,
    today,
    addDays(today, settings.bookingOpensDays),
  ).filter((s) => now < bookingClosesAt(s.startsAt, settings));
  const url = new URL(request.url);
  const asked = url.searchParams.get("session");
  const chosen = sessions.find((s) => sessionValue(s) === asked) ?? sessions[0];
  const stalls = chosen
    ? await sessionAvailability(
        db,
        {
          zoneId: zone.id,
          localDate: chosen.localDate,
          sessionKey: chosen.key,
        },
        now,
      )
    : [];
  const showAll = url.searchParams.get("all") === "1";
  const askedWeeks = Number(url.searchParams.get("weeks") ?? 1);
  const weeks =
    Number.isInteger(askedWeeks) && askedWeeks >= 1 && askedWeeks <= MAX_SERIES_WEEKS
      ? askedWeeks
      : 1;
  const t = translator(locale);
  const listed = stalls.map(({ geometry: _geometry, vendorId, vendorName, ...s }) => ({
    ...s,
    fits: s.categories.includes(vendor.category_slug),
    mine: vendorId === vendor.id,
    // Other vendors' names are not shown here: only whether a stall is free.
    vendorName: vendorId === vendor.id ? vendorName : null,
  }));
  const pageKey = newIdempotencyKey();
  // A market of hundreds of stalls lists them a page at a time (the map shows them all): a list
  // of 2,000 Book buttons took a second to send and nobody scrolls it. A stall chosen on the map
  // (`stall=`) opens the page that holds it.
  const shown = listed.filter((s) => showAll || s.fits || s.mine);
  const pages = Math.max(1, Math.ceil(shown.length / LIST_PAGE));
  const askedStall = Number(url.searchParams.get("stall"));
  const stallAt = shown.findIndex((s) => s.id === askedStall);
  const askedPage =
    stallAt >= 0 ? Math.floor(stallAt / LIST_PAGE) + 1 : Number(url.searchParams.get("page") ?? 1);
  const page = Number.isInteger(askedPage) && askedPage >= 1 && askedPage <= pages ? askedPage : 1;
  return {
    locale,
    zone: { slug: zone.slug, name: localized(zone, "name", locale), timeZone: zone.time_zone },
    vendorCategory: vendor.category_slug,
    categoryNames: Object.fromEntries(
      categories.map((c) => [c.slug, locale === "en" ? c.name_en : c.name_zh]),
    ),
    sessions,
    chosen: chosen ?? null,
    askedUnknown: !!asked && chosen !== undefined && sessionValue(chosen) !== asked,
    showAll,
    // The list needs no outlines: the map has them.
    stalls: shown.slice((page - 1) * LIST_PAGE, page * LIST_PAGE).map(({ ring: _ring, ...s }) => s),
    list: { page, pages, from: (page - 1) * LIST_PAGE + 1, count: shown.length },
    focusStall: stallAt >= 0 ? askedStall : null,
    freeCount: listed.filter((s) => s.state === "free" && s.fits).length,
    boundary: parsePolygon(zone.boundary)?.coordinates[0] ?? [],
    mapStalls: packStalls(
      listed.map((s) => ({
        id: s.id,
        code: s.code,
        tone: toneOf(s),
        label: `${s.code} · ${t(`book.tone.${toneOf(s)}`)}`,
        ring: s.ring,
      })),
    ),
    tiles: publicEnv(),
    weeks,
    pageKey,
  };
}

/** Stalls listed on one page of a large market. */
export const LIST_PAGE = 100;

/** A refusal before any booking was tried: the form could not be read, or too many tries. */
function refusedOutright(refusal: RefusalLike, init: ResponseInit) {
  return data(
    {
      refusal,
      alternatives: [] as Alternative[],
      localDate: "",
      sessionKey: "",
      stallId: 0,
      series: null,
    },
    init,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const { vendor } = await requireVendor(request);
  const zone = await zoneFrom(params.slug);
  // Every try counts, refused or not: a script hammering one stall is slowed, a person is not.
  const keys = [`book-vendor:${vendor.id}`];
  const wait = await limitWait(keys, LIMITS.booking);
  if (wait > 0)
    return refusedOutright(
      { code: "tooManyAttempts", params: { seconds: wait } },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  await countAttempt(keys);
  const form = await readFormData(request);
  if (form.get("intent") === "waitlist") {
    const wait = parseForm(WaitlistSchema, form);
    if (!wait.ok) return redirect(`/book/${zone.slug}`);
    const joined = await joinWaitlist(
      db,
      {
        vendorId: vendor.id,
        zoneId: zone.id,
        localDate: wait.data.localDate,
        sessionKey: wait.data.sessionKey,
        stallId: wait.data.stallId ?? null,
      },
      now,
    );
    return redirect(`/vendor/bookings?waitlist=${joined.ok ? "joined" : joined.code}#waitlist`);
  }
  const parsed = parseForm(BookSchema, form);
  if (!parsed.ok) return refusedOutright({ code: "badRequest" }, { status: 400 });
  const { stallId, localDate, sessionKey, weeks } = parsed.data;
  // The page's key names the page and session; a press of a stall's button is that key and the
  // stall, the same however often the form is sent again.
  const key = `${parsed.data.key}:${stallId}`;
  // Weekly sessions can be booked for several weeks at once; each week is its own booking.
  if (weeks > 1 && sessionKey.startsWith("t")) {
    const series = await bookSeries(
      db,
      {
        vendorId: vendor.id,
        stallId,
        localDate,
        sessionKey,
        idempotencyKey: key,
        weeks,
      },
      now,
    );
    return data({
      refusal: null as RefusalLike | null,
      alternatives: [] as Alternative[],
      localDate,
      sessionKey,
      stallId,
      series: series.weeks.map((w) => ({
        localDate: w.localDate,
        booked: w.result.ok,
        refusal: w.result.ok ? null : refusalOf(w.result),
      })),
    });
  }
  const result = await bookStall(
    db,
    {
      vendorId: vendor.id,
      stallId,
      localDate,
      sessionKey,
      idempotencyKey: key,
    },
    now,
  );
  if (result.ok) return redirect(`/vendor/bookings?booked=${result.booking.id}`);
  return data(
    {
      refusal: refusalOf(result),
      alternatives: result.alternatives,
      localDate,
      sessionKey,
      stallId,
      series: null,
      key,
    },
    { status: 409 },
  );
}

function toneOf(s: { state: StallState; fits: boolean; mine: boolean }): StallTone {
  if (s.mine) return "mine";
  if (s.state !== "free") return s.state;
  return s.fits ? "free" : "other";
}

function StallFacts({
  t,
  stall,
  categoryNames,
}: {
  t: Translate;
  stall: {
    width_m: number;
    depth_m: number;
    has_power: number;
    has_water: number;
    categories: string[];
  };
  categoryNames: Record<string, string>;
}) {
  return (
    <span className="hint">
      {t("book.size", { width: stall.width_m, depth: stall.depth_m })}
      {stall.has_power ? ` · ${t("facility.power")}` : ""}
      {stall.has_water ? ` · ${t("facility.water")}` : ""} ·{" "}
      {stall.categories.map((c) => categoryNames[c] ?? c).join(t("weekday.separator"))}
    </span>
  );
}

export default function BookStall() {
  const {
    zone,
    sessions,
    chosen,
    stalls,
    showAll,
    pageKey,
    categoryNames,
    boundary,
    mapStalls,
    tiles,
    weeks,
    list,
    focusStall,
    freeCount: free,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const bookingStall = navigation.state !== "idle" ? navigation.formData?.get("stallId") : null;

  // The list item of a stall chosen on the map: shown, its Book button in focus.
  const showStall = (id: number) => {
    const item = document.getElementById(`stall-${id}`);
    item?.scrollIntoView({ behavior: "smooth", block: "center" });
    item?.querySelector("button")?.focus({ preventScroll: true });
    return !!item;
  };
  useEffect(() => {
    if (focusStall !== null) showStall(focusStall);
  }, [focusStall]);
  /** This page's address with `changes`: the session, category choice and weeks kept. */
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [name, value] of Object.entries(changes))
      if (value === null) next.delete(name);
      else next.set(name, value);
    return `?${next}`;
  };
  const pager =
    list.pages > 1 ? (
      <nav className="pager" aria-label={t("book.pager.label")}>
        <p>
          {t("book.pager.range", {
            from: formatCount(locale, list.from),
            to: formatCount(locale, list.from + stalls.length - 1),
            count: formatCount(locale, list.count),
          })}{" "}
          <span className="hint">{t("book.pager.hint")}</span>
        </p>
        <p className="actions">
          {list.page > 1 ? (
            <Link
              className="button button-quiet"
              to={withParams({ page: String(list.page - 1), stall: null })}
            >
              {t("book.pager.previous")}
            </Link>
          ) : null}
          {list.page < list.pages ? (
            <Link
              className="button button-quiet"
              to={withParams({ page: String(list.page + 1), stall: null })}
            >
              {t("book.pager.next")}
            </Link>
          ) : null}
        </p>
      </nav>
    ) : null;

  // One form around a list of stalls, its session written once; each Book button sends its
  // stall. A market of 2,000 stalls would otherwise carry 10,000 hidden fields.
  const bookForm = (localDate: string, sessionKey: string, list: ReactNode) => (
    <Form method="post" replace>
      <input type="hidden" name="localDate" value={localDate} />
      <input type="hidden" name="sessionKey" value={sessionKey} />
      <input type="hidden" name="key" value={`${pageKey}:${localDate}:${sessionKey}`} />
      <input type="hidden" name="weeks" value={weeks} />
      {list}
    </Form>
  );
  const bookButton = (stallId: number, code: string) => (
    <button
      type="submit"
      name="stallId"
      value={stallId}
      className="button button-primary"
      disabled={bookingStall === String(stallId)}
    >
      {bookingStall === String(stallId) ? t("book.booking") : t("book.button", { code })}
    </button>
  );

  return (
    <div className="page stack">
      <div>
        <p>
          <Link to="/book">← {t("book.title")}</Link>
        </p>
        <h1>{zone.name}</h1>
      </div>
      {sessions.length === 0 ? (
        <div className="card empty-state">
          <p>{t("book.noSessions")}</p>
        </div>
      ) : (
        <Form method="get" className="card session-picker">
          <SessionSelect sessions={sessions} chosen={chosen} />
          <div className="field">
            <label htmlFor="weeks">{t("book.weeks")}</label>
            <select id="weeks" name="weeks" defaultValue={weeks}>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? t("book.weeksOnce") : t("book.weeksN", { count: n })}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="all" value="1" defaultChecked={showAll} />
            {t("book.showAll")}
          </label>
          <button type="submit" className="button button-quiet">
            {t("book.show")}
          </button>
        </Form>
      )}

      {actionData?.series ? (
        <div className="notice notice-info" role="status">
          <p>
            {t("book.seriesResult", {
              booked: actionData.series.filter((w) => w.booked).length,
              total: actionData.series.length,
            })}
          </p>
          <ul>
            {actionData.series.map((w) => (
              <li key={w.localDate}>
                {formatLocalDate(locale, w.localDate)}:{" "}
                {w.booked
                  ? t("book.seriesBooked")
                  : refusalMessage(t, locale, w.refusal!, zone.timeZone)}
              </li>
            ))}
          </ul>
          <Link to="/vendor/bookings">{t("bookings.title")}</Link>
        </div>
      ) : null}
      {actionData?.refusal ? (
        <div className="notice notice-error" role="alert">
          <p>{refusalMessage(t, locale, actionData.refusal, zone.timeZone)}</p>
          {actionData.refusal.code === "stallTaken" || actionData.refusal.code === "categoryCap" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="waitlist" />
              <input type="hidden" name="localDate" value={actionData.localDate} />
              <input type="hidden" name="sessionKey" value={actionData.sessionKey} />
              {actionData.stallId ? (
                <input type="hidden" name="stallId" value={actionData.stallId} />
              ) : null}
              <button type="submit" className="button button-quiet">
                {t("waitlist.join")}
              </button>
            </Form>
          ) : null}
          {actionData.alternatives.length > 0 ? (
            <>
              <p>{t("book.alternatives")}</p>
              {bookForm(
                actionData.localDate,
                actionData.sessionKey,
                <ul className="alternatives">
                  {actionData.alternatives.map((a) => (
                    <li key={a.id}>
                      {t("book.distance", { code: a.code, metres: a.distanceM })}
                      {bookButton(a.id, a.code)}
                    </li>
                  ))}
                </ul>,
              )}
            </>
          ) : null}
        </div>
      ) : null}

      {chosen ? (
        <section aria-labelledby="stalls-heading" className="stack">
          <h2 id="stalls-heading">
            {sessionLabel(t, locale, chosen)} ·{" "}
            {t("book.freeCount", { count: formatCount(locale, free) })}
          </h2>
          <StallMap
            boundary={boundary}
            stalls={mapStalls}
            tiles={{ url: tiles.MAP_TILE_URL, attribution: tiles.MAP_TILE_ATTRIBUTION }}
            label={t("book.mapLabel")}
            loading={t("map.loading")}
            onSelect={(id) => {
              // On another page of the list: open that page, which shows it.
              if (!showStall(id))
                navigate(withParams({ stall: String(id), page: null }), {
                  preventScrollReset: true,
                });
            }}
          />
          <ul className="legend" aria-label={t("book.legend")}>
            {(["free", "mine", "held", "taken", "other"] as const).map((tone) => (
              <li key={tone}>
                <span className={`swatch swatch-${tone}`} aria-hidden="true" />{" "}
                {t(`book.tone.${tone}`)}
              </li>
            ))}
          </ul>
          {pager}
          {stalls.length === 0 ? (
            <div className="card empty-state">
              <p>{t("book.noStallsFit")}</p>
            </div>
          ) : (
            bookForm(
              chosen.localDate,
              chosen.key,
              <ul className="stall-list">
                {stalls.map((s) => (
                  <li key={s.id} id={`stall-${s.id}`} className={`card stall stall-${s.state}`}>
                    <div>
                      <strong className="stall-code">{s.code}</strong>{" "}
                      <span className={`badge badge-stall-${s.mine ? "mine" : s.state}`}>
                        {s.mine ? t("book.state.mine") : t(`book.state.${s.state}`)}
                      </span>
                      <br />
                      <StallFacts t={t} stall={s} categoryNames={categoryNames} />
                    </div>
                    <div className="stall-action">
                      <span className="fee">
                        {s.fee_fen === 0 || s.public_welfare
                          ? t("book.free")
                          : formatMoney(locale, s.fee_fen)}
                      </span>
                      {s.state === "free" && s.fits ? bookButton(s.id, s.code) : null}
                    </div>
                  </li>
                ))}
              </ul>,
            )
          )}
        </section>
      ) : null}
    </div>
  );
}
