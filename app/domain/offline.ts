// What the installable app keeps for reading without signal (issue 19), as rules the service
// worker (app/service-worker/sw.ts) and the tests share. Pure: no browser API here.

/**
 * Pages kept on the device once seen, and shown from there when the network fails: the public
 * pages a resident reads, a vendor's bookings and receipts, and a manager's day sheet. Anything
 * else (forms, account pages, the office's tools) needs the network.
 */
const KEPT_PAGES: RegExp[] = [
  /^\/$/,
  /^\/markets$/,
  /^\/markets\/[^/]+$/,
  /^\/search$/,
  /^\/vendors\/\d+$/,
  /^\/ballots$/,
  /^\/ballots\/\d+$/,
  /^\/for-vendors$/,
  /^\/elder$/,
  /^\/vendor$/,
  /^\/vendor\/bookings$/,
  /^\/vendor\/bookings\/\d+$/,
  /^\/manage\/zones\/[^/]+\/day$/,
];

/**
 * The page an address shows: itself, or, for Remix's data requests (single fetch), the page whose
 * data it is (`/vendor/bookings.data`, and `/_root.data` for the home page).
 */
export function pageOf(pathname: string): string {
  if (!pathname.endsWith(".data")) return pathname;
  const page = pathname.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

/** A page, or its data, kept for reading offline; also the route list Remix asks for. */
export function isKeptPage(pathname: string): boolean {
  if (pathname === "/__manifest") return true;
  const page = pageOf(pathname);
  return KEPT_PAGES.some((pattern) => pattern.test(page));
}

/** A day sheet's address: its page is found offline whatever session or scan it was asked with. */
export const DAY_SHEET_PATH = /^\/manage\/zones\/([^/]+)\/day$/;

/** A receipt's QR code opens this address on the manager's phone (app/routes/manage.check-in.$id). */
export const RECEIPT_SCAN_PATH = /^\/manage\/check-in\/(\d+)$/;

/**
 * Parameters that say what just happened (`done`), or what was scanned, rather than which page:
 * a page is kept and found again without them.
 */
const PASSING_PARAMS = ["done", "scan", "loggedOut"];

/** The address a kept page is stored under. */
export function keptPageKey(url: URL): string {
  const kept = new URL(url.pathname, url.origin);
  for (const [name, value] of url.searchParams)
    if (!PASSING_PARAMS.includes(name)) kept.searchParams.append(name, value);
  kept.searchParams.sort();
  return kept.href;
}

/**
 * Forms after which the device may belong to someone else, or to no one: the kept pages (which
 * may be private) are forgotten before they are sent.
 */
const ACCOUNT_CHANGES = [
  /^\/login$/,
  /^\/logout$/,
  /^\/join$/,
  /^\/reset-password\//,
  /^\/verify-phone$/,
  /^\/counter$/,
];

export function changesAccount(method: string, pathname: string): boolean {
  return method !== "GET" && method !== "HEAD" && ACCOUNT_CHANGES.some((p) => p.test(pathname));
}

/** The response header naming, without revealing it, whose session a page was made for. */
export const VIEWER_HEADER = "X-Jishi-Viewer";
/** The viewer of a page made for no one signed in. */
export const NO_VIEWER = "-";
