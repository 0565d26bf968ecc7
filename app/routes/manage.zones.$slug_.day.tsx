import "~/locales/staff";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
  type ClientActionFunctionArgs,
} from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  newActionKey,
  ReceiptScanner,
  SyncPanel,
  useDayQueue,
  waitingFromForm,
} from "~/components/day-sync";
import { revalidateOnline } from "~/components/offline";
import { SessionPicker, sessionValue } from "~/components/session-label";
import { stallsWaiting, withWaiting } from "~/domain/day-overlay";
import { keepBookings, keepWaiting } from "~/utils/day-store";
import { walkUpRecorded } from "~/models/day-sync.server";
import { checkInWindow } from "~/domain/booking-rules";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { parseYuan } from "~/domain/money";
import { sessionAvailability } from "~/models/booking.server";
import { listCategories } from "~/models/category.server";
import {
  assignWalkUp,
  checkIn,
  confirmBooking,
  daySheet,
  declineBooking,
  findWalkUpVendor,
  markNoShow,
  NO_SHOW_AFTER_MINUTES,
  recordFee,
  type DayResult,
  type WalkUpResult,
} from "~/models/market-day.server";
import { getBookingSettings, zoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import {
  formatLocalTime,
  formatMoney,
  localized,
  useLocale,
  useT,
  type Params,
} from "~/utils/i18n";
import { DAY_PROBLEM, dayProblem } from "~/utils/day-problems";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import type { MessageKey } from "~/locales/zh-CN";
import { ActionSchema } from "~/forms/market-day.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("day.title"), data?.zone.name]);

/** Today's and the coming week's sessions; the one running now, or the next, is the default. */
async function sessionsAround(
  zone: { id: number; time_zone: string },
  asked: string | null,
  now: Date,
) {
  const calendar = await zoneCalendar(db, zone);
  const today = localMoment(now, zone.time_zone).date;
  const sessions = upcomingSessions(calendar, addDays(today, -1), addDays(today, 7));
  const current =
    sessions.find((s) => Date.parse(s.endsAt) > now.getTime()) ?? sessions[sessions.length - 1];
  const chosen = sessions.find((s) => sessionValue(s) === asked) ?? current;
  return { sessions, chosen };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const { sessions, chosen } = await sessionsAround(zone, url.searchParams.get("session"), now);
  const [sheet, stalls] = chosen
    ? await Promise.all([
        daySheet(db, { zoneId: zone.id, localDate: chosen.localDate, sessionKey: chosen.key }),
        sessionAvailability(
          db,
          {
            zoneId: zone.id,
            localDate: chosen.localDate,
            sessionKey: chosen.key,
          },
          now,
        ),
      ])
    : [[], []];
  const noShowFrom = chosen ? Date.parse(chosen.startsAt) + NO_SHOW_AFTER_MINUTES * 60_000 : 0;
  const noShowFromIso = new Date(noShowFrom).toISOString();
  const settings = await getBookingSettings(db, zone.id);
  const window = chosen ? checkInWindow(chosen, settings, now) : null;
  // A walk-up: the vendor looked up first, so that only the stalls taking what they sell are
  // offered (each with what it takes).
  const lookedUp = url.searchParams.get("vendor")?.slice(0, 254) ?? "";
  const [walkUpVendor, categories] = await Promise.all([
    findWalkUpVendor(db, lookedUp),
    listCategories(db),
  ]);
  const categoryName = new Map(
    categories.map((c) => [c.slug, locale === "en" ? c.name_en : c.name_zh]),
  );
  return {
    locale,
    zone: { slug: zone.slug, name: localized(zone, "name", locale) },
    sessions,
    chosen: chosen ?? null,
    canMarkNoShow: now.getTime() >= noShowFrom,
    // The same rules again on the phone's clock, for a page kept open (or offline) as time passes.
    noShowFrom: noShowFromIso,
    // Check-in and walk-ups: from a while before the start until the end.
    checkIn:
      window && chosen
        ? {
            state: window.state,
            opens: formatLocalTime(window.opensAt, zone.time_zone),
            closes: formatLocalTime(chosen.endsAt, zone.time_zone),
            minutes: settings.checkInOpensMinutes,
          }
        : null,
    sheet,
    walkUp: {
      identifier: lookedUp,
      vendor: walkUpVendor
        ? {
            name: walkUpVendor.display_name,
            category: locale === "en" ? walkUpVendor.category_en : walkUpVendor.category_zh,
            categorySlug: walkUpVendor.category_slug,
          }
        : null,
      notFound: Boolean(lookedUp) && !walkUpVendor,
    },
    // Every free stall: offline, the vendor cannot be looked up, and any may be chosen.
    freeStalls: stalls
      .filter((s) => s.state === "free")
      .map((s) => ({
        id: s.id,
        code: s.code,
        categories: s.categories,
        takes: s.categories.map((c) => categoryName.get(c) ?? c).join("、"),
      })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, zone } = await requireZoneManager(request, params.slug);
  const parsed = parseForm(ActionSchema, await readFormData(request));
  if (!parsed.ok) return data({ error: DAY_PROBLEM.bad, at: null }, { status: 400 });
  const { intent, bookingId, session } = parsed.data;
  // Said beside the form it came from: the walk-up form, or the booking's row.
  const at = intent === "walkUp" ? "walkUp" : (bookingId ?? null);
  const now = new Date();
  const base = { zoneId: zone.id, actorUserId: user.id, bookingId: bookingId ?? 0, now };
  let result: DayResult | WalkUpResult;
  if (intent === "walkUp") {
    const { chosen } = await sessionsAround(zone, session, now);
    if (!chosen || !parsed.data.stallId || !parsed.data.identifier)
      return data({ error: DAY_PROBLEM.bad, at }, { status: 400 });
    // Sent again (an answer lost on a weak network, or synced after): made once.
    const key = parsed.data.key;
    if (key && (await walkUpRecorded(db, zone.id, key)))
      return redirect(
        `/manage/zones/${zone.slug}/day?session=${encodeURIComponent(session)}&done=${intent}`,
      );
    result = await assignWalkUp(
      db,
      {
        zoneId: zone.id,
        stallId: parsed.data.stallId,
        identifier: parsed.data.identifier,
        localDate: chosen.localDate,
        sessionKey: chosen.key,
        startsAt: chosen.startsAt,
        endsAt: chosen.endsAt,
        actorUserId: user.id,
        timeZone: zone.time_zone,
        idempotencyKey: key,
      },
      now,
    );
  } else if (intent === "fee") {
    const fen = parseYuan(parsed.data.amount ?? "");
    if (fen === null) return data({ error: DAY_PROBLEM.amount, at }, { status: 400 });
    result = await recordFee(db, base, fen);
  } else {
    const act = { checkIn, noShow: markNoShow, confirm: confirmBooking, decline: declineBooking }[
      intent
    ];
    result = await act(db, base);
  }
  if (!result.ok) return data({ ...dayProblem(result, zone.time_zone), at }, { status: 409 });
  return redirect(
    `/manage/zones/${zone.slug}/day?session=${encodeURIComponent(session)}&done=${intent}`,
  );
}

/**
 * On the phone: a check-in, no-show, fee or walk-up is sent at once when there is a network, and
 * kept on the phone to be synced when there is none (or the request never arrives). The server's
 * answers, refusals included, come back as before.
 */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  const waiting = waitingFromForm(await request.clone().formData(), params.slug ?? "", new Date());
  if (!waiting) return serverAction<typeof action>();
  if (navigator.onLine) {
    try {
      return await serverAction<typeof action>();
    } catch (error) {
      // Only a request that did not get through is kept; the server's answers stand.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  await keepWaiting(waiting);
  return { queued: waiting.key, at: null };
}

export const shouldRevalidate = revalidateOnline;

/** A walk-up vendor's phone number or e-mail: looked up online, or typed in offline. */
function IdentifierField({ id, name, value }: { id: string; name: string; value: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t("login.identifier")}</label>
      <input id={id} name={name} type="text" inputMode="tel" required defaultValue={value} />
    </div>
  );
}

/** The phone's clock, read every half minute after hydration; null until then. */
function useClock(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = window.setInterval(tick, 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export default function DaySheet() {
  const { zone, sessions, chosen, sheet, freeStalls, canMarkNoShow, noShowFrom, walkUp, checkIn } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof clientAction>();
  const failure = actionData && "error" in actionData ? actionData : undefined;
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queue = useDayQueue(zone.slug, actionData);
  const { online } = queue;
  const now = useClock();
  // The window on the server's word at first, then on the phone's clock as time passes.
  const windowState =
    now === null || !checkIn || !chosen
      ? checkIn?.state
      : checkInWindow(chosen, { checkInOpensMinutes: checkIn.minutes }, new Date(now)).state;
  const checkInOpen = windowState === "open";
  const mayMarkNoShow = now === null ? canMarkNoShow : now >= Date.parse(noShowFrom);
  const windowNotice =
    checkIn && windowState ? (
      <p className={`notice ${checkInOpen ? "notice-info" : "notice-warning"}`} role="note">
        {t(`day.window.${windowState}`, checkIn)}
      </p>
    ) : null;
  // What went wrong, in words, with its placeholders ("{time}") when it has them.
  const problem = (a: { error: MessageKey; params?: Params }) => t(a.error, a.params);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const chosenSession = chosen ? sessionValue(chosen) : "";
  const waitingActions = queue.waiting.map((w) => w.action);
  const rows = withWaiting(sheet, waitingActions);
  const given = stallsWaiting(waitingActions);
  const offerable = freeStalls.filter((s) => !given.has(s.id));
  const vendorCategory = walkUp.vendor?.categorySlug;
  const fitting = vendorCategory
    ? offerable.filter((s) => s.categories.includes(vendorCategory))
    : offerable;
  const stallChoices = online ? fitting : offerable;
  const [walkUpStallId, setWalkUpStallId] = useState<number | null>(null);
  const walkUpStall = stallChoices.find((s) => s.id === walkUpStallId) ?? stallChoices[0];
  const due = rows.filter((b) => b.status !== "no_show").reduce((sum, b) => sum + b.fee_fen, 0);
  const collected = rows.reduce((sum, b) => sum + (b.fee_collected_fen ?? 0), 0);

  // The bookings of this sheet, kept so that a receipt scanned offline finds its market.
  useEffect(() => {
    if (!chosen) return;
    void keepBookings(sheet.map((b) => ({ id: b.id, zone: zone.slug, session: chosenSession })));
  }, [sheet, zone.slug, chosen, chosenSession]);

  // A walk-up's key, made on the phone once the page runs, and new after each walk-up.
  const [walkUpKey, setWalkUpKey] = useState("");
  useEffect(() => setWalkUpKey(newActionKey()), [actionData]);

  // A receipt scanned here, or by the phone's camera while offline (the service worker opens
  // this page with ?scan=<booking>).
  const [scanned, setScanned] = useState<number | "unreadable" | "other" | null>(null);
  const scanParam = Number(params.get("scan"));
  useEffect(() => {
    if (!Number.isSafeInteger(scanParam) || scanParam <= 0) return;
    setScanned(sheet.some((b) => b.id === scanParam) ? scanParam : "other");
  }, [scanParam, sheet]);
  const onScan = (bookingId: number | null) => {
    if (bookingId === null) return setScanned("unreadable");
    if (sheet.some((b) => b.id === bookingId)) return setScanned(bookingId);
    // Another session's or market's receipt: its own page says what it is, when it can be read.
    if (navigator.onLine) return navigate(`/manage/check-in/${bookingId}`);
    setScanned("other");
  };
  const scannedRow = typeof scanned === "number" ? rows.find((b) => b.id === scanned) : undefined;

  const hidden = (intent: string, b?: { id: number; code: string; display_name: string }) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="session" value={chosenSession} />
      {b ? (
        <>
          <input type="hidden" name="bookingId" value={b.id} />
          <input type="hidden" name="code" value={b.code} />
          <input type="hidden" name="who" value={b.display_name} />
        </>
      ) : null}
    </>
  );
  /** One button's form on a booking's row: check in, mark absent, confirm, decline. */
  const rowAction = (
    intent: "checkIn" | "noShow" | "confirm" | "decline",
    b: (typeof rows)[number],
    primary: boolean,
  ) => (
    <Form method="post">
      {hidden(intent, b)}
      <button
        type="submit"
        className={`button ${primary ? "button-primary" : "button-quiet"}`}
        disabled={busy}
      >
        {t(`day.${intent}`, { code: b.code })}
      </button>
    </Form>
  );

  return (
    <div className="page stack day-sheet">
      <div>
        <p>
          <QuickLink to={`/manage/zones/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>{t("day.title")}</h1>
      </div>
      {online ? <SessionPicker sessions={sessions} chosen={chosen} /> : null}
      <SyncPanel queue={queue} />
      {params.get("done") && !actionData ? (
        <p className="notice notice-info" role="status">
          {t("schedule.saved")}
        </p>
      ) : null}
      {failure && failure.at === null ? (
        <p className="notice notice-error" role="alert">
          {problem(failure)}
        </p>
      ) : null}
      {chosen ? (
        <>
          <p className="day-summary">
            {t("day.summary", {
              booked: rows.length,
              here: rows.filter((b) => b.status === "checked_in").length,
              absent: rows.filter((b) => b.status === "no_show").length,
              due: formatMoney(locale, due),
              collected: formatMoney(locale, collected),
            })}
          </p>
          {windowNotice}
          {checkInOpen && rows.length > 0 ? (
            <div className="card">
              <ReceiptScanner onScan={onScan} />
              {scanned === "unreadable" || scanned === "other" ? (
                <p className="notice notice-error" role="alert">
                  {t(scanned === "other" ? "day.scanOther" : "day.scanUnreadable")}
                </p>
              ) : null}
              {scannedRow ? (
                <div className="notice notice-info scan-result" role="status">
                  <p>
                    {t("day.scanFound", {
                      code: scannedRow.code,
                      who: scannedRow.display_name,
                      status: t(`bookings.status.${scannedRow.status}`),
                    })}
                  </p>
                  {scannedRow.status === "confirmed"
                    ? rowAction("checkIn", scannedRow, true)
                    : null}
                </div>
              ) : null}
            </div>
          ) : null}
          {rows.length === 0 ? (
            <div className="card empty-state">
              <p>{t("day.empty")}</p>
            </div>
          ) : (
            <ul className="stall-list">
              {rows.map((b) => (
                <li key={b.id} className="card day-row">
                  <div>
                    <strong className="stall-code">{b.code}</strong>{" "}
                    <span className={`badge badge-booking-${b.status}`}>
                      {t(`bookings.status.${b.status}`)}
                    </span>
                    {b.walk_up ? <span className="badge badge-kind">{t("day.walkUp")}</span> : null}
                    {b.waiting ? (
                      <span className="badge badge-waiting">{t("sync.waitingBadge")}</span>
                    ) : null}
                    <br />
                    {b.display_name} · {locale === "en" ? b.category_en : b.category_zh}
                    <br />
                    <span className="hint">
                      {b.fee_fen === 0
                        ? t("book.free")
                        : t("day.fee", {
                            due: formatMoney(locale, b.fee_fen),
                            collected:
                              b.fee_collected_fen === null
                                ? "—"
                                : formatMoney(locale, b.fee_collected_fen),
                          })}
                    </span>
                  </div>
                  {failure?.at === b.id ? (
                    <p className="notice notice-error day-row-error" role="alert">
                      {problem(failure)}
                    </p>
                  ) : null}
                  <div className="day-actions">
                    {b.status === "pending" && online ? (
                      <>
                        {rowAction("confirm", b, true)}
                        {rowAction("decline", b, false)}
                      </>
                    ) : null}
                    {b.status === "confirmed" && checkInOpen ? rowAction("checkIn", b, true) : null}
                    {b.status === "confirmed" && mayMarkNoShow
                      ? rowAction("noShow", b, false)
                      : null}
                    {b.fee_fen > 0 && (b.status === "checked_in" || b.status === "confirmed") ? (
                      <Form method="post" className="fee-form">
                        {hidden("fee", b)}
                        {/* What the phone shows as collected: the server records the fee only
                            if no other manager recorded another amount meanwhile. */}
                        <input
                          type="hidden"
                          name="expected"
                          value={b.fee_collected_fen === null ? "" : b.fee_collected_fen}
                        />
                        <label htmlFor={`amount-${b.id}`} className="visually-hidden">
                          {t("day.amountFor", { code: b.code })}
                        </label>
                        <input
                          id={`amount-${b.id}`}
                          name="amount"
                          type="number"
                          inputMode="decimal"
                          min={0}
                          step="0.5"
                          // Blank until typed: what was paid is what the manager counts.
                          defaultValue={
                            b.fee_collected_fen === null ? "" : b.fee_collected_fen / 100
                          }
                          placeholder={String(b.fee_fen / 100)}
                        />
                        <button type="submit" className="button button-quiet" disabled={busy}>
                          {t("day.recordFee", { code: b.code })}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <section className="card" aria-labelledby="walkup-heading">
            <h2 id="walkup-heading">{t("day.walkUpTitle")}</h2>
            <p className="hint">{online ? t("day.walkUpHint") : t("day.walkUpOffline")}</p>
            {online ? (
              <Form method="get" className="field-row">
                <input type="hidden" name="session" value={chosenSession} />
                <IdentifierField id="vendor" name="vendor" value={walkUp.identifier} />
                <div className="field">
                  <span aria-hidden="true">&nbsp;</span>
                  <button type="submit" className="button button-quiet">
                    {t("day.findVendor")}
                  </button>
                </div>
              </Form>
            ) : null}
            {online && walkUp.notFound ? (
              <p className="notice notice-error" role="alert">
                {t("day.error.vendorNotFound")}
              </p>
            ) : null}
            {online && walkUp.vendor ? (
              <p className="notice notice-info" role="status">
                {t("day.walkUpVendor", {
                  name: walkUp.vendor.name,
                  category: walkUp.vendor.category,
                })}
              </p>
            ) : null}
            {failure?.at === "walkUp" ? (
              <p className="notice notice-error" role="alert">
                {problem(failure)}
              </p>
            ) : null}
            {(walkUp.vendor || !online) && !checkInOpen ? windowNotice : null}
            {(walkUp.vendor || !online) && checkInOpen ? (
              stallChoices.length === 0 ? (
                <p className="empty-state">{t("day.noFittingStall")}</p>
              ) : (
                <Form method="post" className="field-row">
                  {hidden("walkUp")}
                  <input type="hidden" name="key" value={walkUpKey} />
                  {online ? (
                    <input type="hidden" name="identifier" value={walkUp.identifier} />
                  ) : (
                    <IdentifierField
                      id="walkup-identifier"
                      name="identifier"
                      value={walkUp.identifier}
                    />
                  )}
                  <div className="field">
                    <label htmlFor="stallId">{t("day.freeStall")}</label>
                    <select
                      id="stallId"
                      name="stallId"
                      required
                      value={walkUpStall?.id ?? ""}
                      onChange={(e) => setWalkUpStallId(Number(e.currentTarget.value))}
                    >
                      {stallChoices.map((s) => (
                        <option key={s.id} value={s.id}>
                          {t("day.stallTakes", { code: s.code, takes: s.takes })}
                        </option>
                      ))}
                    </select>
                    {/* What the phone calls it while the walk-up waits to be synced. */}
                    <input type="hidden" name="code" value={walkUpStall?.code ?? ""} />
                  </div>
                  <div className="field">
                    <span aria-hidden="true">&nbsp;</span>
                    <button type="submit" className="button button-primary" disabled={busy}>
                      {t("day.assign")}
                    </button>
                  </div>
                </Form>
              )
            ) : null}
          </section>
        </>
      ) : (
        <div className="card empty-state">
          <p>{t("day.noSessions")}</p>
        </div>
      )}
    </div>
  );
}
