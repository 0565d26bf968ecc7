import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { SessionSelect, sessionValue } from "~/components/session-label";
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
import {
  getBookingSettings,
  loadZoneCalendar,
  upcomingSessions,
} from "~/models/zone-calendar.server";
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
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import type { MessageKey } from "~/locales/zh-CN";
import { ActionSchema } from "~/forms/market-day.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("day.title"), data?.zone.name]);

/** Today's and the coming week's sessions; the one running now, or the next, is the default. */
async function sessionsAround(
  zone: { id: number; time_zone: string },
  asked: string | null,
  now: Date,
) {
  const calendar = await loadZoneCalendar(db, zone.id);
  const today = localMoment(now, zone.time_zone).date;
  const sessions = upcomingSessions(calendar!, addDays(today, -1), addDays(today, 7));
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
          }
        : null,
      notFound: Boolean(lookedUp) && !walkUpVendor,
    },
    freeStalls: stalls
      .filter(
        (s) =>
          s.state === "free" &&
          (!walkUpVendor || s.categories.includes(walkUpVendor.category_slug)),
      )
      .map((s) => ({
        id: s.id,
        code: s.code,
        takes: s.categories.map((c) => categoryName.get(c) ?? c).join("、"),
      })),
  };
}

type Failure<R> = Extract<R, { ok: false; code: string }>["code"];

/** Every way a day-sheet action can fail, in words; the compiler holds it to the models' codes. */
const PROBLEM: Record<Failure<DayResult> | Failure<WalkUpResult> | "amount" | "bad", MessageKey> = {
  notFound: "day.error.notFound",
  notAllowed: "day.error.notAllowed",
  tooEarly: "day.error.tooEarly",
  vendorNotFound: "day.error.vendorNotFound",
  vendorNotApproved: "day.error.vendorNotApproved",
  categoryNotAllowed: "day.error.categoryNotAllowed",
  documentsMissing: "day.error.documentsMissing",
  stallTaken: "day.error.stallTaken",
  alreadyBooked: "day.error.alreadyBooked",
  stallInBallot: "day.error.stallInBallot",
  stallNotFound: "day.error.notFound",
  checkInNotYet: "day.error.checkInNotYet",
  checkInOver: "day.error.checkInOver",
  amount: "day.error.amount",
  bad: "schedule.error.unknown",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, zone } = await requireZoneManager(request, params.slug);
  const parsed = parseForm(ActionSchema, await readFormData(request));
  if (!parsed.ok) return data({ error: PROBLEM.bad, at: null }, { status: 400 });
  const { intent, bookingId, session } = parsed.data;
  // Said beside the form it came from: the walk-up form, or the booking's row.
  const at = intent === "walkUp" ? "walkUp" : (bookingId ?? null);
  const now = new Date();
  const base = { zoneId: zone.id, actorUserId: user.id, bookingId: bookingId ?? 0, now };
  let result: DayResult | WalkUpResult;
  if (intent === "walkUp") {
    const { chosen } = await sessionsAround(zone, session, now);
    if (!chosen || !parsed.data.stallId || !parsed.data.identifier)
      return data({ error: PROBLEM.bad, at }, { status: 400 });
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
      },
      now,
    );
  } else if (intent === "fee") {
    const fen = parseYuan(parsed.data.amount ?? "");
    if (fen === null) return data({ error: PROBLEM.amount, at }, { status: 400 });
    result = await recordFee(db, base, fen);
  } else {
    const act = { checkIn, noShow: markNoShow, confirm: confirmBooking, decline: declineBooking }[
      intent
    ];
    result = await act(db, base);
  }
  if (!result.ok) {
    // Too early: said with the time check-in opens, on the market's clock.
    const params =
      "opensAt" in result ? { time: formatLocalTime(result.opensAt, zone.time_zone) } : undefined;
    return data({ error: PROBLEM[result.code], at, params }, { status: 409 });
  }
  return redirect(
    `/manage/zones/${zone.slug}/day?session=${encodeURIComponent(session)}&done=${intent}`,
  );
}

export default function DaySheet() {
  const { zone, sessions, chosen, sheet, freeStalls, canMarkNoShow, walkUp, checkIn } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const checkInOpen = checkIn?.state === "open";
  const windowNotice = checkIn ? (
    <p
      className={`notice ${checkIn.state === "open" ? "notice-info" : "notice-warning"}`}
      role="note"
    >
      {t(`day.window.${checkIn.state}`, checkIn)}
    </p>
  ) : null;
  // What went wrong, in words, with its placeholders ("{time}") when it has them.
  const problem = (a: { error: MessageKey; params?: Params }) => t(a.error, a.params);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const chosenSession = chosen ? sessionValue(chosen) : "";
  const due = sheet.filter((b) => b.status !== "no_show").reduce((sum, b) => sum + b.fee_fen, 0);
  const collected = sheet.reduce((sum, b) => sum + (b.fee_collected_fen ?? 0), 0);

  const hidden = (intent: string, bookingId?: number) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="session" value={chosenSession} />
      {bookingId ? <input type="hidden" name="bookingId" value={bookingId} /> : null}
    </>
  );

  return (
    <div className="page stack day-sheet">
      <div>
        <p>
          <Link to={`/manage/zones/${zone.slug}`}>← {zone.name}</Link>
        </p>
        <h1>{t("day.title")}</h1>
      </div>
      <Form method="get" className="card session-picker">
        <SessionSelect sessions={sessions} chosen={chosen} />
        <button type="submit" className="button button-quiet">
          {t("book.show")}
        </button>
      </Form>
      {params.get("done") && !actionData ? (
        <p className="notice notice-info" role="status">
          {t("schedule.saved")}
        </p>
      ) : null}
      {actionData && actionData.at === null ? (
        <p className="notice notice-error" role="alert">
          {problem(actionData)}
        </p>
      ) : null}
      {chosen ? (
        <>
          <p className="day-summary">
            {t("day.summary", {
              booked: sheet.length,
              here: sheet.filter((b) => b.status === "checked_in").length,
              absent: sheet.filter((b) => b.status === "no_show").length,
              due: formatMoney(locale, due),
              collected: formatMoney(locale, collected),
            })}
          </p>
          {windowNotice}
          {sheet.length === 0 ? (
            <div className="card empty-state">
              <p>{t("day.empty")}</p>
            </div>
          ) : (
            <ul className="stall-list">
              {sheet.map((b) => (
                <li key={b.id} className="card day-row">
                  <div>
                    <strong className="stall-code">{b.code}</strong>{" "}
                    <span className={`badge badge-booking-${b.status}`}>
                      {t(`bookings.status.${b.status}`)}
                    </span>
                    {b.walk_up ? <span className="badge badge-kind">{t("day.walkUp")}</span> : null}
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
                  {actionData?.at === b.id ? (
                    <p className="notice notice-error day-row-error" role="alert">
                      {problem(actionData)}
                    </p>
                  ) : null}
                  <div className="day-actions">
                    {b.status === "pending" ? (
                      <>
                        <Form method="post">
                          {hidden("confirm", b.id)}
                          <button type="submit" className="button button-primary" disabled={busy}>
                            {t("day.confirm", { code: b.code })}
                          </button>
                        </Form>
                        <Form method="post">
                          {hidden("decline", b.id)}
                          <button type="submit" className="button button-quiet" disabled={busy}>
                            {t("day.decline", { code: b.code })}
                          </button>
                        </Form>
                      </>
                    ) : null}
                    {b.status === "confirmed" && checkInOpen ? (
                      <Form method="post">
                        {hidden("checkIn", b.id)}
                        <button type="submit" className="button button-primary" disabled={busy}>
                          {t("day.checkIn", { code: b.code })}
                        </button>
                      </Form>
                    ) : null}
                    {b.status === "confirmed" && canMarkNoShow ? (
                      <Form method="post">
                        {hidden("noShow", b.id)}
                        <button type="submit" className="button button-quiet" disabled={busy}>
                          {t("day.noShow", { code: b.code })}
                        </button>
                      </Form>
                    ) : null}
                    {b.fee_fen > 0 && (b.status === "checked_in" || b.status === "confirmed") ? (
                      <Form method="post" className="fee-form">
                        {hidden("fee", b.id)}
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
            <p className="hint">{t("day.walkUpHint")}</p>
            <Form method="get" className="field-row">
              <input type="hidden" name="session" value={chosenSession} />
              <div className="field">
                <label htmlFor="vendor">{t("login.identifier")}</label>
                <input
                  id="vendor"
                  name="vendor"
                  type="text"
                  inputMode="tel"
                  required
                  defaultValue={walkUp.identifier}
                />
              </div>
              <div className="field">
                <span aria-hidden="true">&nbsp;</span>
                <button type="submit" className="button button-quiet">
                  {t("day.findVendor")}
                </button>
              </div>
            </Form>
            {walkUp.notFound ? (
              <p className="notice notice-error" role="alert">
                {t("day.error.vendorNotFound")}
              </p>
            ) : null}
            {walkUp.vendor ? (
              <p className="notice notice-info" role="status">
                {t("day.walkUpVendor", {
                  name: walkUp.vendor.name,
                  category: walkUp.vendor.category,
                })}
              </p>
            ) : null}
            {actionData?.at === "walkUp" ? (
              <p className="notice notice-error" role="alert">
                {problem(actionData)}
              </p>
            ) : null}
            {walkUp.vendor && !checkInOpen ? windowNotice : null}
            {walkUp.vendor && checkInOpen ? (
              freeStalls.length === 0 ? (
                <p className="empty-state">{t("day.noFittingStall")}</p>
              ) : (
                <Form method="post" className="field-row">
                  {hidden("walkUp")}
                  <input type="hidden" name="identifier" value={walkUp.identifier} />
                  <div className="field">
                    <label htmlFor="stallId">{t("day.freeStall")}</label>
                    <select id="stallId" name="stallId" required>
                      {freeStalls.map((s) => (
                        <option key={s.id} value={s.id}>
                          {t("day.stallTakes", { code: s.code, takes: s.takes })}
                        </option>
                      ))}
                    </select>
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
