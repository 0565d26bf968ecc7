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
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { BallotNotices } from "~/components/ballot-summary";
import { useCallback, useEffect, useRef, type ReactNode } from "react";
import { refusalMessage, refusalOf, type RefusalLike } from "~/components/refusal-message";
import { SessionSelect, sessionLabel } from "~/components/session-label";
import { publishedMap, StallMap, type Describe, type StallTone } from "~/components/stall-map";
import { parsePolygon } from "~/domain/geo";
import { publicEnv } from "~/utils/env.server";
import {
  bookingClosesAt,
  bookingFee,
  isLateCancellation,
  lateCancellationFrom,
  type Refusal,
  type RefusalCode,
} from "~/domain/booking-rules";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import {
  bookingChoices,
  bookSeries,
  bookStall,
  freeStallsNearby,
  MAX_SERIES_WEEKS,
  newIdempotencyKey,
  type Alternative,
  type StallState,
} from "~/models/booking.server";
import { listCategories } from "~/models/category.server";
import { getBookingSettings, zoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { joinWaitlist } from "~/models/waitlist.server";
import { counterZoneIds } from "~/models/counter.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { ballotsTakingApplications } from "~/models/ballot.server";
import { requireVendor } from "~/utils/auth.server";
import { ballotNotices } from "~/utils/ballot-summary.server";
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { db, dbFor } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import {
  formatInstant,
  formatLocalDate,
  formatCount,
  formatMoney,
  localized,
  localizedParams,
  translate,
  translator,
  useLocale,
  useT,
  type Locale,
  type Translate,
} from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import {
  countAttempt,
  keysToCount,
  LIMITS,
  limitWait,
  retryAfterHeaders,
} from "~/utils/rate-limit.server";
import { WaitlistSchema, BookSchema } from "~/forms/booking.server";
import { notFound } from "~/utils/responses";
import { useRootData } from "~/root";
import { QuickLink } from "~/components/quick-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.zone.name, t("book.title")]);

async function zoneFrom(db: Kysely<Database>, slug: string | undefined) {
  const zone = slug ? await getZoneBySlug(db, slug) : undefined;
  if (!zone) throw notFound();
  return zone;
}

export const headers = retryAfterHeaders;

// After any booking try, refused ones too, the page reads the stalls again: a stall just lost
// to someone else turns taken and the counts follow (Remix skips this after a 4xx by default).
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  defaultShouldRevalidate,
}) => (formMethod === "POST" ? true : defaultShouldRevalidate);

/** Refusals the session picker names after a session: they differ from session to session. */
const SESSION_NOTES = new Set<RefusalCode>([
  "alreadyBooked",
  "weeklyQuota",
  "categoryCap",
  "documentsMissing",
]);

/** The market, and for a counter clerk only one their counter serves. */
async function zoneFor(
  db: Kysely<Database>,
  slug: string | undefined,
  clerk: { id: number } | null,
) {
  const zone = await zoneFrom(db, slug);
  if (clerk && !(await counterZoneIds(db, clerk.id)).includes(zone.id))
    throw new Response("Forbidden", { status: 403 });
  return zone;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = dbFor(request);
  const { vendor, clerk } = await requireVendor(request, { counter: true });
  const zone = await zoneFor(db, params.slug, clerk);
  const locale = await getLocale(request);
  const now = new Date();
  const [calendar, settings, categories, ballots] = await Promise.all([
    zoneCalendar(db, zone),
    getBookingSettings(db, zone.id),
    listCategories(db),
    ballotsTakingApplications(db, now, { zoneId: zone.id }),
  ]);
  const today = localMoment(now, zone.time_zone).date;
  // The sessions of the booking window not yet closed; the last days' may not be open yet, and
  // say when they open.
  const upcoming = upcomingSessions(
    calendar,
    today,
    addDays(today, settings.bookingOpensDays),
  ).filter((s) => now < bookingClosesAt(s.startsAt, settings));
  const url = new URL(request.url);
  const asked = url.searchParams.get("session");
  // Every state, note and button below comes from the rules the booking runs.
  const {
    sessions,
    chosen,
    refusal,
    stalls,
    vendor: ruled,
  } = await bookingChoices(
    db,
    {
      vendorId: vendor.id,
      vendor,
      zoneId: zone.id,
      timeZone: zone.time_zone,
      settings,
      sessions: upcoming,
      asked,
    },
    now,
  );
  const showAll = url.searchParams.get("all") === "1";
  const askedWeeks = Number(url.searchParams.get("weeks") ?? 1);
  const weeks =
    Number.isInteger(askedWeeks) && askedWeeks >= 1 && askedWeeks <= MAX_SERIES_WEEKS
      ? askedWeeks
      : 1;
  const t = translator(locale);
  // Each stall's two facts about this vendor, set on the stall itself: copying 2,000 stalls'
  // fields for them was a tenth of the page's time.
  const listed = stalls.map((s) =>
    Object.assign(s, {
      fits: s.categories.includes(vendor.category_slug),
      mine: s.vendorId === vendor.id,
    }),
  );
  const pageKey = newIdempotencyKey();
  // A market of hundreds of stalls lists them a page at a time (the map shows them all): a list
  // of 2,000 Book buttons took a second to send and nobody scrolls it. A stall chosen on the map
  // (`choose=`) opens the page that holds it.
  const shown = listed.filter((s) => showAll || s.fits || s.mine);
  const pages = Math.max(1, Math.ceil(shown.length / LIST_PAGE));
  const askedStall = Number(url.searchParams.get("choose"));
  const stallAt = shown.findIndex((s) => s.id === askedStall);
  const askedPage =
    stallAt >= 0 ? Math.floor(stallAt / LIST_PAGE) + 1 : Number(url.searchParams.get("page") ?? 1);
  const page = Number.isInteger(askedPage) && askedPage >= 1 && askedPage <= pages ? askedPage : 1;
  const picked = listed.find((s) => s.id === askedStall);
  // A stall taken since the page was drawn: the nearest free ones that fit, as after a refusal.
  const alternatives =
    picked && chosen && picked.refusal?.code === "stallTaken"
      ? await freeStallsNearby(db, {
          vendorId: vendor.id,
          stallId: picked.id,
          localDate: chosen.localDate,
          sessionKey: chosen.key,
          idempotencyKey: "",
        })
      : [];
  return {
    locale,
    zone: { slug: zone.slug, name: localized(zone, "name", locale), timeZone: zone.time_zone },
    vendorCategory: vendor.category_slug,
    // Stalls of coming days given out by ballot are applied for, not booked.
    ballots: ballotNotices(ballots, locale),
    categoryNames: Object.fromEntries(
      categories.map((c) => [c.slug, locale === "en" ? c.name_en : c.name_zh]),
    ),
    sessions: sessions.map((s) => ({
      ...s,
      note: s.refusal ? sessionNote(t, locale, s.refusal, zone.time_zone) : null,
    })),
    chosen: chosen ?? null,
    refusal,
    showAll,
    // The list needs no outlines (the map has them), and no vendor: only whether a stall is
    // free. Each field named: a rest pattern copies the others one at a time, at run time.
    stalls: shown.slice((page - 1) * LIST_PAGE, page * LIST_PAGE).map((s) => ({
      id: s.id,
      code: s.code,
      width_m: s.width_m,
      depth_m: s.depth_m,
      has_power: s.has_power,
      has_water: s.has_water,
      fee_fen: s.fee_fen,
      public_welfare: s.public_welfare,
      categories: s.categories,
      state: s.state,
      free: s.free,
      refusal: s.refusal,
      fits: s.fits,
      mine: s.mine,
    })),
    list: { page, pages, from: (page - 1) * LIST_PAGE + 1, count: shown.length },
    // The stall chosen on the map or in the list: what booking it will be, or why it cannot.
    picked:
      picked && chosen
        ? {
            id: picked.id,
            code: picked.code,
            refusal: picked.refusal,
            alternatives,
            width_m: picked.width_m,
            depth_m: picked.depth_m,
            has_power: picked.has_power,
            has_water: picked.has_water,
            categories: picked.categories,
            fee: bookingFee(picked, ruled),
            lateFrom: lateCancellationFrom(chosen.startsAt, settings).toISOString(),
            lateAlready: isLateCancellation(chosen.startsAt, now, settings),
          }
        : null,
    settings: {
      cancelDeadlineHours: settings.cancelDeadlineHours,
      requiresApproval: settings.requiresApproval,
    },
    freeCount: listed.filter((s) => s.free && s.fits).length,
    boundary: parsePolygon(zone.boundary)?.coordinates[0] ?? [],
    // The outlines come from the layout's own file; the page says what each stall is to you.
    map: publishedMap(listed, toneOf),
    tiles: publicEnv(),
    weeks,
    pageKey,
  };
}

/** What the session picker says after a session the vendor cannot book: when, or why not. */
function sessionNote(t: Translate, locale: Locale, refusal: Refusal, timeZone: string) {
  return refusal.code === "windowNotOpen"
    ? t("book.sessionNote.opens", localizedParams({ ...refusal.params }, locale, timeZone))
    : t(
        `book.sessionNote.${SESSION_NOTES.has(refusal.code) ? refusal.code : "closed"}` as "book.sessionNote.closed",
      );
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
  const { vendor, clerk } = await requireVendor(request, { counter: true });
  const zone = await zoneFor(db, params.slug, clerk);
  const clerkUserId = clerk?.id;
  // Every try counts, refused or not: a script hammering one stall is slowed, a person is not.
  const keys = [`book-vendor:${vendor.id}`];
  const wait = await limitWait(keys, LIMITS.booking);
  if (wait > 0)
    return refusedOutright(
      { code: "tooManyAttempts", params: { seconds: wait } },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  const form = await readFormData(request);
  const parsed = form.get("intent") === "waitlist" ? null : parseForm(BookSchema, form);
  // Weekly sessions can be booked for several weeks at once; each week is its own booking.
  const weekly = parsed?.ok && parsed.data.weeks > 1 && parsed.data.sessionKey.startsWith("t");
  // A single booking counts its try in its own transaction (one commit); the rest count here.
  if (!parsed?.ok || weekly) await countAttempt(keys);
  if (!parsed) {
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
        clerkUserId,
      },
      now,
    );
    return redirect(`/vendor/bookings?waitlist=${joined.ok ? "joined" : joined.code}#waitlist`);
  }
  if (!parsed.ok) return refusedOutright({ code: "badRequest" }, { status: 400 });
  const { stallId, localDate, sessionKey, weeks } = parsed.data;
  // The page's key names the page and session; a press of a stall's button is that key and the
  // stall, the same however often the form is sent again.
  const key = `${parsed.data.key}:${stallId}`;
  if (weekly) {
    const series = await bookSeries(
      db,
      {
        vendorId: vendor.id,
        stallId,
        localDate,
        sessionKey,
        idempotencyKey: key,
        weeks,
        clerkUserId,
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
      clerkUserId,
      countsAgainst: keysToCount(keys),
      zone,
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

function toneOf(s: { state: StallState; fits: boolean; mine: boolean; free: boolean }): StallTone {
  if (s.mine) return "mine";
  if (!s.free) return s.state === "held" || s.state === "ballot" ? "held" : "taken";
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
    refusal,
    stalls,
    picked,
    settings,
    showAll,
    pageKey,
    categoryNames,
    boundary,
    map,
    tiles,
    weeks,
    list,
    freeCount: free,
    ballots,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const booking = navigation.state === "submitting" && navigation.formMethod === "POST";
  const elder = !!useRootData()?.elder;
  // Kept while the language is: the map draws its stalls again only when what it says changes.
  const describeStall = useCallback<Describe>(
    ({ code, tone }) => ({ label: `${code} · ${translate(locale, `book.tone.${tone}`)}` }),
    [locale],
  );

  // A stall chosen on the map or in the list: its confirmation comes into view, in focus.
  const confirmRef = useRef<HTMLElement>(null);
  const pickedId = picked?.id;
  useEffect(() => {
    if (pickedId === undefined) return;
    confirmRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    confirmRef.current?.focus({ preventScroll: true });
  }, [pickedId]);
  /** This page's address with `changes`: the session, category choice and weeks kept. */
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [name, value] of Object.entries(changes))
      if (value === null) next.delete(name);
      else next.set(name, value);
    return `?${next}`;
  };
  const chooseLink = (stallId: number, code: string, session?: string) => (
    <QuickLink
      className="button button-primary"
      to={withParams({ choose: String(stallId), ...(session ? { session } : {}) })}
      keepScroll
    >
      {t("book.choose", { code })}
    </QuickLink>
  );
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
            <QuickLink
              className="button button-quiet"
              to={withParams({ page: String(list.page - 1), choose: null })}
            >
              {t("book.pager.previous")}
            </QuickLink>
          ) : null}
          {list.page < list.pages ? (
            <QuickLink
              className="button button-quiet"
              to={withParams({ page: String(list.page + 1), choose: null })}
            >
              {t("book.pager.next")}
            </QuickLink>
          ) : null}
        </p>
      </nav>
    ) : null;

  const confirmation =
    picked && chosen && !actionData ? (
      picked.refusal ? (
        <section
          ref={confirmRef}
          tabIndex={-1}
          className="notice notice-error"
          aria-labelledby="picked-heading"
        >
          <h3 id="picked-heading">{t("book.pickedNot", { code: picked.code })}</h3>
          <p>{refusalMessage(t, locale, picked.refusal, zone.timeZone)}</p>
          <TakenHelp
            refusal={picked.refusal}
            session={chosen}
            stallId={picked.id}
            alternatives={picked.alternatives}
            choose={chooseLink}
          />
          <p>
            <QuickLink to={withParams({ choose: null })} keepScroll>
              {t("book.pickAnother")}
            </QuickLink>
          </p>
        </section>
      ) : (
        <section
          ref={confirmRef}
          tabIndex={-1}
          className="card confirm-booking stack"
          aria-labelledby="picked-heading"
        >
          <h3 id="picked-heading">{t("book.confirmTitle", { code: picked.code })}</h3>
          <dl className="facts">
            <dt>{t("book.session")}</dt>
            <dd>
              {sessionLabel(t, locale, chosen)}
              {weeks > 1 ? ` · ${t("book.weeksN", { count: weeks })}` : ""}
            </dd>
            <dt>{t("book.stall")}</dt>
            <dd>
              {picked.code} · <StallFacts t={t} stall={picked} categoryNames={categoryNames} />
            </dd>
            <dt>{t("book.fee")}</dt>
            <dd>
              {picked.fee === 0
                ? t("book.free")
                : t("book.feeAtMarket", { fee: formatMoney(locale, picked.fee) })}
            </dd>
            <dt>{t("book.cancelTerms")}</dt>
            <dd>
              {t(picked.lateAlready ? "book.cancelTermsLate" : "book.cancelTermsText", {
                until: formatInstant(locale, picked.lateFrom, zone.timeZone, {
                  dateStyle: "medium",
                  timeStyle: "short",
                }),
                hours: settings.cancelDeadlineHours,
              })}
            </dd>
          </dl>
          {settings.requiresApproval ? <p className="hint">{t("book.needsApproval")}</p> : null}
          {weeks > 1 ? <p className="hint">{t("book.weeksEach")}</p> : null}
          <Form method="post" replace className="actions">
            <input type="hidden" name="localDate" value={chosen.localDate} />
            <input type="hidden" name="sessionKey" value={chosen.key} />
            <input
              type="hidden"
              name="key"
              value={`${pageKey}:${chosen.localDate}:${chosen.key}`}
            />
            <input type="hidden" name="weeks" value={weeks} />
            <button
              type="submit"
              name="stallId"
              value={picked.id}
              className="button button-primary"
              disabled={booking}
            >
              {booking ? t("book.booking") : t("book.confirm", { code: picked.code })}
            </button>
            <QuickLink className="button button-quiet" to={withParams({ choose: null })} keepScroll>
              {t("book.pickAnother")}
            </QuickLink>
          </Form>
        </section>
      )
    ) : null;

  const mapBlock = (
    <>
      {elder ? null : (
        <a href="#stall-list" className="skip-map">
          {t("book.skipMap")}
        </a>
      )}
      <StallMap
        boundary={boundary}
        published={map}
        describe={describeStall}
        tiles={tiles.MAP_TILES}
        label={t("book.mapLabel")}
        loading={t("map.loading")}
        unavailable={t("map.unavailable")}
        onSelect={(id) =>
          navigate(withParams({ choose: String(id), page: null }), {
            preventScrollReset: true,
          })
        }
      />
      <ul className="legend" aria-label={t("book.legend")}>
        {(["free", "mine", "held", "taken", "other"] as const).map((tone) => (
          <li key={tone}>
            <span className={`swatch swatch-${tone}`} aria-hidden="true" /> {t(`book.tone.${tone}`)}
          </li>
        ))}
      </ul>
    </>
  );
  const listBlock = (
    <>
      {pager}
      {stalls.length === 0 ? (
        <div className="card empty-state" id="stall-list" tabIndex={-1}>
          <p>{t("book.noStallsFit")}</p>
        </div>
      ) : (
        <ul className="stall-list" id="stall-list" tabIndex={-1} aria-label={t("book.listLabel")}>
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
                {s.refusal ? null : chooseLink(s.id, s.code)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );

  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to="/book">← {t("book.title")}</QuickLink>
        </p>
        <h1>{zone.name}</h1>
      </div>
      <BallotNotices t={t} ballots={ballots} />
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
                {formatLocalDate(locale, w.localDate)}
                {t("punct.colon")}
                {w.booked
                  ? t("book.seriesBooked")
                  : refusalMessage(t, locale, w.refusal!, zone.timeZone)}
              </li>
            ))}
          </ul>
          <QuickLink to="/vendor/bookings">{t("bookings.title")}</QuickLink>
        </div>
      ) : null}
      {actionData?.refusal ? (
        <div className="notice notice-error" role="alert">
          <p>{refusalMessage(t, locale, actionData.refusal, zone.timeZone)}</p>
          <TakenHelp
            refusal={actionData.refusal}
            session={{ localDate: actionData.localDate, key: actionData.sessionKey }}
            stallId={actionData.stallId}
            alternatives={actionData.alternatives}
            choose={chooseLink}
          />
        </div>
      ) : null}

      {chosen ? (
        <section aria-labelledby="stalls-heading" className="stack">
          <h2 id="stalls-heading">
            {sessionLabel(t, locale, chosen)} ·{" "}
            {t("book.freeCount", { count: formatCount(locale, free) })}
          </h2>
          {/* After a booking try, its own answer above says what happened. */}
          {refusal && !actionData ? (
            <div className="notice notice-warning" role="status">
              <p>{refusalMessage(t, locale, refusal, zone.timeZone)}</p>
              <RefusalNextStep code={refusal.code} />
            </div>
          ) : null}
          {confirmation}
          {/* In large-text mode the page is simpler: the list first, the map after it. */}
          {elder ? (
            <>
              {listBlock}
              {mapBlock}
            </>
          ) : (
            <>
              {mapBlock}
              {listBlock}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/**
 * After a stall is lost to someone else (or the category is full): the waiting list, and the
 * nearest free stalls that fit, each to be chosen and confirmed like any other.
 */
function TakenHelp({
  refusal,
  session,
  stallId,
  alternatives,
  choose,
}: {
  refusal: { code: string };
  session: { localDate: string; key: string };
  stallId: number;
  alternatives: Alternative[];
  choose: (stallId: number, code: string, session: string) => ReactNode;
}) {
  const t = useT();
  return (
    <>
      {refusal.code === "stallTaken" || refusal.code === "categoryCap" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="waitlist" />
          <input type="hidden" name="localDate" value={session.localDate} />
          <input type="hidden" name="sessionKey" value={session.key} />
          {stallId ? <input type="hidden" name="stallId" value={stallId} /> : null}
          <button type="submit" className="button button-quiet">
            {t("waitlist.join")}
          </button>
        </Form>
      ) : null}
      {alternatives.length > 0 ? (
        <>
          <p>{t("book.alternatives")}</p>
          <ul className="alternatives">
            {alternatives.map((a) => (
              <li key={a.id}>
                {t("book.distance", { code: a.code, metres: a.distanceM })}
                {choose(a.id, a.code, `${session.localDate}|${session.key}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Where a vendor who cannot book goes next: papers to the papers page, a full week to theirs. */
function RefusalNextStep({ code }: { code: string }) {
  const t = useT();
  if (code === "documentsMissing")
    return <QuickLink to="/vendor/documents">{t("book.next.documents")}</QuickLink>;
  if (code === "alreadyBooked" || code === "weeklyQuota")
    return <QuickLink to="/vendor/bookings">{t("book.next.bookings")}</QuickLink>;
  if (code === "vendorNotApproved")
    return <QuickLink to="/vendor">{t("book.next.status")}</QuickLink>;
  if (code === "stallInBallot") return <QuickLink to="/ballots">{t("book.next.ballot")}</QuickLink>;
  return null;
}
