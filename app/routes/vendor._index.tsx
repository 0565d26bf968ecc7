import { CounterActs } from "~/components/counter-acts";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { VendorStatusBadge } from "~/components/vendor-status";
import { expiryState, missingDocuments } from "~/domain/documents";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { isSuspended } from "~/domain/vendor-review";
import { listCurrentDocuments } from "~/models/document.server";
import { listNotifications, markNotificationsRead } from "~/models/notification.server";
import { activeBans } from "~/models/penalty.server";
import { ballotState, ballotsTakingApplications } from "~/models/ballot.server";
import { resubmitApplication } from "~/models/vendor.server";
import { requireVendor } from "~/utils/auth.server";
import { withdrawConsent } from "~/models/counter.server";
import { counterHelp } from "~/utils/counter-help.server";
import { db } from "~/utils/db.server";
import { VendorHomeSchema } from "~/forms/small-actions.server";
import { parseForm, readFormData } from "~/utils/form.server";
import {
  formatInstant,
  formatLocalDate,
  localized,
  localizedParams,
  useLocale,
  useT,
} from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { quarterLabel } from "~/utils/integrity-view.server";
import { integritySummary } from "~/models/integrity.server";
import { IntegrityMark } from "~/components/integrity";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("vendorHome.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const { user, vendor, clerk } = await requireVendor(request, { counter: true });
  const locale = await getLocale(request);
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  const [documents, inbox, bans, counter, ballots, integrity] = await Promise.all([
    listCurrentDocuments(db, vendor.id),
    listNotifications(db, user.id),
    activeBans(db, vendor.id, now),
    counterHelp(vendor.id, locale),
    ballotsTakingApplications(db, now),
    integritySummary(db, vendor.id, today),
  ]);
  return {
    locale,
    today,
    vendor,
    suspended: isSuspended(vendor, today),
    missing: missingDocuments(vendor, documents, today),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      expires_on: d.expires_on,
      state: expiryState(d.expires_on, today),
    })),
    // Shown in the market's own time; a notification that names no market, in the county's.
    inbox: inbox.map((n) => {
      const timeZone =
        typeof n.params.timeZone === "string" ? n.params.timeZone : DEFAULT_TIME_ZONE;
      return {
        ...n,
        params: localizedParams(n.params, locale, timeZone),
        at: formatInstant(locale, n.created_at, timeZone),
      };
    }),
    bans: bans.map((b) => ({ ...b, until: formatInstant(locale, b.until, b.time_zone) })),
    integrity: {
      remaining: integrity.remaining,
      mark: integrity.mark ? quarterLabel(locale, integrity.mark) : null,
    },
    // What service counters may do and did for the vendor: theirs to see, and to stop.
    counter: { ...counter, byClerk: !!clerk },
    // Stalls given out by ballot: a vendor hears of them here, where they look for news.
    ballots: ballots.map((b) => ({
      id: b.public_id,
      title: localized(b, "title", locale),
      state: ballotState(b, now),
      closes: formatInstant(locale, b.closes_at, b.time_zone),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const { user, vendor, clerk } = await requireVendor(request, { counter: true });
  const parsed = parseForm(VendorHomeSchema, await readFormData(request));
  // Only the vendor can stop counters acting for them.
  if (parsed.ok && parsed.data.intent === "stopCounter" && !clerk) {
    await withdrawConsent(db, { vendorId: vendor.id, userId: user.id }, now);
    return redirect("/vendor?counter=stopped");
  }
  if (parsed.ok && parsed.data.intent === "resubmit")
    await resubmitApplication(db, { vendorId: vendor.id, userId: user.id }, now);
  if (parsed.ok && parsed.data.intent === "markRead") await markNotificationsRead(db, user.id, now);
  return redirect("/vendor");
}

export default function VendorHome() {
  const { vendor, missing, documents, inbox, suspended, bans, counter, ballots, integrity } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/vendor";
  const en = locale === "en";
  const warnings = documents.filter((d) => d.state !== "valid");
  const unread = inbox.filter((n) => !n.read_at).length;

  return (
    <div className="page stack">
      <div>
        <h1>{t("vendorHome.title")}</h1>
        <p className="lead">{t("vendorHome.hello", { name: vendor.legal_name })}</p>
      </div>
      {params.get("profile") ? (
        <p className="notice notice-info" role="status">
          {t(
            params.get("profile") === "review"
              ? "vendorHome.profileReview"
              : "vendorHome.profileSaved",
          )}
        </p>
      ) : null}
      {params.get("counter") === "stopped" ? (
        <p className="notice notice-info" role="status">
          {t("counter.acts.stopped")}
        </p>
      ) : null}
      {params.get("welcome") ? (
        <p className="notice notice-info" role="status">
          {t("vendorHome.welcome")}
        </p>
      ) : null}

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("vendors.yourStatus")}</h2>
        <p>
          <VendorStatusBadge t={t} status={vendor.status} />
        </p>
        <p>{t(`vendorHome.next.${vendor.status}`)}</p>
        {vendor.status === "approved" || (vendor.status === "suspended" && !suspended) ? (
          <p className="actions">
            <QuickLink to="/book" className="button button-primary">
              {t("book.cta")}
            </QuickLink>
            <QuickLink to="/vendor/bookings" className="button button-quiet">
              {t("bookings.title")}
            </QuickLink>
          </p>
        ) : null}
        {bans.map((ban) => (
          <p key={ban.zoneId} className="notice notice-warning" role="status">
            {t("vendorHome.banned", {
              market: en ? ban.name_en : ban.name_zh,
              until: ban.until,
            })}
          </p>
        ))}
        {vendor.status_reason ? (
          <div className="reason">
            <strong>{t("vendorHome.reason")}</strong>
            <p>{vendor.status_reason}</p>
          </div>
        ) : null}
        {vendor.status === "suspended" && vendor.suspended_until ? (
          <p>
            {t("vendorHome.suspendedUntil", {
              date: formatLocalDate(locale, vendor.suspended_until, "full"),
            })}
          </p>
        ) : null}
        {suspended ? <p className="hint">{t("vendorHome.suspendedCanRead")}</p> : null}
        {vendor.status === "changes_requested" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="resubmit" />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("vendorHome.resubmit")}
            </button>
          </Form>
        ) : null}
      </section>

      {ballots.length > 0 ? (
        <section className="card" aria-labelledby="ballots-heading">
          <h2 id="ballots-heading">{t("vendorHome.ballotsHeading")}</h2>
          <ul className="plain-list stack-tight">
            {ballots.map((b) => (
              <li key={b.id}>
                <QuickLink to={`/ballots/${b.id}/apply`}>{b.title}</QuickLink>{" "}
                <span className={`badge badge-ballot-${b.state}`}>
                  {t(`ballots.state.${b.state}`)}
                </span>
                <br />
                <span className="hint">{t("vendorHome.ballotCloses", { closes: b.closes })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t("documents.title")}</h2>
        {missing.length > 0 ? (
          <div className="notice notice-warning">
            <p>{t("documents.missingIntro")}</p>
            <ul>
              {missing.map((oneOf) => (
                <li key={oneOf.join()}>
                  {oneOf.map((k) => t(`documentKind.${k}`)).join(t("documents.or"))}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p>{t("documents.allPresent")}</p>
        )}
        {warnings.map((d) => (
          <p
            key={d.id}
            className={`notice ${d.state === "expired" ? "notice-error" : "notice-warning"}`}
            role="status"
          >
            {t(d.state === "expired" ? "documents.expired" : "documents.expiring", {
              kind: t(`documentKind.${d.kind}`),
              date: formatLocalDate(locale, d.expires_on, "full"),
            })}
          </p>
        ))}
        <QuickLink to="/vendor/documents" className="button button-primary">
          {t("documents.manage")}
        </QuickLink>
      </section>

      <section className="card" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">{t("integrity.title")}</h2>
        <p>
          {t("integrity.pointsShort", { points: integrity.remaining })}{" "}
          {integrity.mark ? <IntegrityMark quarter={integrity.mark} /> : null}
        </p>
        <QuickLink to="/vendor/integrity" className="button button-quiet">
          {t("integrity.link")}
        </QuickLink>
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile.title")}</h2>
        <dl className="facts">
          <dt>{t("join.displayName")}</dt>
          <dd>{vendor.display_name}</dd>
          <dt>{t("join.legalName")}</dt>
          <dd>{vendor.legal_name}</dd>
          <dt>{t("join.category")}</dt>
          <dd>{en ? vendor.category_en : vendor.category_zh}</dd>
          <dt>{t("join.products")}</dt>
          <dd>{en ? vendor.products_en || vendor.products : vendor.products}</dd>
        </dl>
        <p className="actions">
          <QuickLink to="/vendor/profile" className="button button-quiet">
            {t("profile.edit")}
          </QuickLink>
          <QuickLink to="/vendor/prices" className="button button-quiet">
            {t("prices.link")}
          </QuickLink>
          <QuickLink to="/account/phone" className="button button-quiet">
            {t("phone.link")}
          </QuickLink>
        </p>
      </section>

      <CounterActs consent={counter.consent} acts={counter.acts} canStop={!counter.byClerk} />

      <section className="card" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">
          {t("inbox.title")}{" "}
          {unread > 0 ? (
            <span className="badge badge-open">{t("inbox.unread", { count: unread })}</span>
          ) : null}
        </h2>
        {inbox.length === 0 ? (
          <p className="hint">{t("inbox.empty")}</p>
        ) : (
          <ul className="inbox">
            {inbox.map((n) => (
              <li key={n.id} className={n.read_at ? "" : "unread"}>
                <p>{t(n.message_key, n.params)}</p>
                <p className="hint">{n.at}</p>
              </li>
            ))}
          </ul>
        )}
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="markRead" />
            <button type="submit" className="button button-quiet" disabled={busy}>
              {t("inbox.markRead")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
