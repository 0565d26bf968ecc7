import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { isDatabaseUnavailable } from "#db/errors";
import { actingVendorName, getOptionalUser } from "~/utils/auth.server";
import { publicEnv, siteUrl } from "~/utils/env.server";
import { SearchForm } from "~/components/search-form";
import { QuickLink, useQuickLinks } from "~/components/quick-link";
import { OfflineBanner, revalidateOnline, useServiceWorker } from "~/components/offline";
import { useMediaQuery, WIDE_SCREEN } from "~/components/client-only";
import { pageMeta } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { DEFAULT_LOCALE, translator, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { isElder } from "~/utils/elder.server";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/icons/192.png", type: "image/png", sizes: "192x192" },
  { rel: "apple-touch-icon", href: "/icons/180.png" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

export const shouldRevalidate = revalidateOnline;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({ matches, locale: data?.locale ?? DEFAULT_LOCALE });

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([
    getLocale(request),
    // With the database away, the page itself answers 503; the frame around it still knows the
    // reader's language, so that the "try again" page is in it.
    getOptionalUser(request).catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) return null;
      throw error;
    }),
  ]);
  return {
    locale,
    user: user ? { displayName: user.display_name, role: user.role } : null,
    // A counter clerk acting for a vendor sees whom on every page.
    acting: user?.role === "clerk" ? await actingVendorName(request) : null,
    elder: isElder(request),
    env: publicEnv(),
    // Share cards and og:url need absolute addresses (APP_URL, else this request's origin).
    siteUrl: siteUrl(request),
  };
}

/** A page that failed for the database says when to try again (app/utils/database-faults.server.ts). */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  const headers: Record<string, string> = {};
  if (retryAfter)
    Object.assign(headers, { "Retry-After": retryAfter, "Cache-Control": "no-store" });
  return headers;
};

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  const locale = useLocale();
  const pending = useNavigation().formAction === "/language";
  return (
    <Form method="post" action="/language" className="lang-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
      <button
        type="submit"
        className="button button-quiet"
        lang={locale === "en" ? "zh-CN" : "en"}
        aria-label={t("nav.switchToLabel")}
        disabled={pending}
      >
        {t("nav.switchTo")}
      </button>
    </Form>
  );
}

/** Large text, bigger targets, stronger contrast and simpler pages, for older eyes. */
function ElderSwitch() {
  const t = useT();
  const location = useLocation();
  const elder = !!useRootData()?.elder;
  const pending = useNavigation().formAction === "/elder";
  return (
    <Form method="post" action="/elder" className="lang-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="elder" value={elder ? "off" : "on"} />
      <button type="submit" className="button button-quiet" aria-pressed={elder} disabled={pending}>
        {t("nav.elder")}
      </button>
    </Form>
  );
}

/** The main destinations: in the header row on a wide screen, in the menu on a phone. */
function MainNav() {
  const t = useT();
  const user = useRootData()?.user;
  const canManage = user?.role === "manager" || user?.role === "office";
  // As NavLink marks them, from one reading of the address rather than a router lookup each.
  const here = useLocation()
    .pathname.toLowerCase()
    .replace(/(.)\/+$/, "$1");
  const item = (to: string, label: string, end = false) => {
    const active = here === to || (!end && here.startsWith(`${to}/`));
    return (
      <QuickLink
        to={to}
        className={active ? "active" : undefined}
        aria-current={active ? "page" : undefined}
      >
        {label}
      </QuickLink>
    );
  };
  return (
    <nav aria-label={t("nav.main")} className="site-nav">
      {item("/", t("nav.whatsOn"), true)}
      {item("/markets", t("nav.markets"))}
      {item("/search", t("nav.search"))}
      {item(user?.role === "vendor" ? "/vendor" : "/for-vendors", t("nav.forVendors"))}
      {canManage ? item("/manage", t("nav.manage")) : null}
      {user?.role === "clerk" ? item("/counter", t("nav.counter")) : null}
    </nav>
  );
}

function AccountTools() {
  const t = useT();
  const user = useRootData()?.user;
  const loggingOut = useNavigation().formAction === "/logout";
  return user ? (
    <Form method="post" action="/logout" className="account">
      <QuickLink to="/account/password" className="account-name" title={t("nav.account")}>
        {t("nav.loggedInAs", { name: user.displayName })}
      </QuickLink>
      <button type="submit" className="button button-quiet" disabled={loggingOut}>
        {t("nav.logout")}
      </button>
    </Form>
  ) : (
    <QuickLink to="/login" className="button button-quiet">
      {t("nav.login")}
    </QuickLink>
  );
}

/**
 * The header's one set of links and tools. On a phone it is one row (the name, a menu holding
 * the links and the language, and large text); on a wide screen the menu stands open as the row.
 * A disclosure, so that it opens without scripts too; on a phone it closes again on every
 * navigation, a tap elsewhere or Escape.
 */
function Header() {
  const t = useT();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const wide = useMediaQuery(WIDE_SCREEN);
  useEffect(() => {
    // Open on a wide screen for browsers that cannot show a closed disclosure's content by CSS
    // (::details-content); closed on a phone after each navigation.
    if (menu.current && wide !== null) menu.current.open = wide;
  }, [location, wide]);
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open || window.matchMedia(WIDE_SCREEN).matches) return;
      const escape = event instanceof KeyboardEvent;
      if (escape ? event.key !== "Escape" : details.contains(event.target as Node)) return;
      details.open = false;
      if (escape) details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <QuickLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            集
          </span>
          <span className="brand-name">{t("app.name")}</span>
        </QuickLink>
        <details className="site-menu" ref={menu}>
          <summary className="button button-quiet">
            <span aria-hidden="true" className="site-menu-icon">
              ☰
            </span>
            {t("nav.menu")}
          </summary>
          <div className="site-menu-panel">
            <MainNav />
            <div className="site-tools">
              <LanguageSwitch />
              <AccountTools />
            </div>
          </div>
        </details>
        {/* After the menu in the page as on the screen, so that Tab follows what is seen. */}
        <div className="site-tools site-elder">
          <ElderSwitch />
        </div>
      </div>
    </header>
  );
}

/** A clerk acting for a vendor: whose pages these are, and the way back to the counter. */
function ActingBanner({ name }: { name: string }) {
  const t = useT();
  return (
    <div className="acting-banner" role="status">
      <p>
        <strong>{t("counter.acting", { name })}</strong>
      </p>
      <Form method="post" action="/counter" className="actions">
        <QuickLink to="/counter" className="button button-quiet">
          {t("counter.actingBack")}
        </QuickLink>
        <input type="hidden" name="intent" value="stop" />
        <button type="submit" className="button button-quiet">
          {t("counter.actingStop")}
        </button>
      </Form>
    </div>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
      <p>{t("footer.office")}</p>
      <p className="footer-links">
        <QuickLink to="/reports">{t("report.figures.countyTitle")}</QuickLink>
        <QuickLink to="/ballots">{t("ballots.title")}</QuickLink>
      </p>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const locale = useLocale();
  const t = translator(locale);
  const data = useRootData();
  // A page that says `handle = { hydrate: false }` is sent without scripts: a stall's card is
  // opened by a scan on any phone, and is whole as HTML.
  const scripts = !useMatches().some(
    (m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false,
  );
  return (
    <html lang={locale} className={data?.elder ? "elder" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d6b48" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("nav.skip")}
        </a>
        {data ? <Header /> : null}
        {data?.acting ? <ActingBanner name={data.acting} /> : null}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        {data ? <Footer /> : null}
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  useServiceWorker();
  useQuickLinks();
  return (
    <>
      <OfflineBanner />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), t("error.forbidden.body")]
        : status === 503
          ? [t("error.unavailable.title"), t("error.unavailable.body")]
          : [t("error.generic.title"), t("error.generic.body")];
  return (
    <div className="page narrow error-page">
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      <p>{body}</p>
      <p className="actions">
        <a href="/" className="button button-primary">
          {t("error.backHome")}
        </a>
        {status === 404 ? (
          <a href="/markets" className="button button-quiet">
            {t("nav.markets")}
          </a>
        ) : null}
        {status === 503 ? (
          <a href={location.pathname + location.search} className="button button-quiet">
            {t("error.unavailable.again")}
          </a>
        ) : null}
      </p>
      {status === 404 ? <SearchForm /> : null}
    </div>
  );
}
