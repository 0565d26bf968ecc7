// The installable app's service worker (issue 19), bundled by `npm run build` into public/sw.js.
// Scripts and styles are kept once loaded (their names change with their content); the pages
// in app/domain/offline.ts are fetched from the network first and kept, so that they open without
// signal once seen; a receipt scanned while offline leads to the day sheet kept on the phone.
// Kept pages belong to one session: they are forgotten when the person using the phone changes.
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst, NetworkOnly } from "workbox-strategies";
import type { RouteHandlerCallbackOptions, WorkboxPlugin } from "workbox-core/types";
import {
  changesAccount,
  DAY_SHEET_PATH,
  isKeptPage,
  keptPageKey,
  pageOf,
  RECEIPT_SCAN_PATH,
  VIEWER_HEADER,
} from "~/domain/offline";
import { forgetBookings, keptBooking } from "~/utils/day-store";
import { offlinePage } from "./offline-page";

declare const self: ServiceWorkerGlobalScope;

const PAGES = "jishi-pages-v1";
const ASSETS = "jishi-assets-v1";
const META = "jishi-meta-v1";
const VIEWER_KEY = "/__jishi/viewer";

void self.skipWaiting();
clientsClaim();

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("jishi-") && ![PAGES, ASSETS, META].includes(name))
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});

/** The kept pages, and the day sheets' bookings, go: another person may be using the phone. */
async function forgetPages(): Promise<void> {
  await Promise.all([caches.delete(PAGES), forgetBookings()]);
}

let viewer: string | null | undefined;

/** Whose pages are kept: when a page comes for someone else (or for no one), forget them first. */
async function noteViewer(seen: string | null): Promise<void> {
  if (!seen) return;
  const meta = await caches.open(META);
  viewer ??= (await (await meta.match(VIEWER_KEY))?.text()) ?? null;
  if (viewer === seen) return;
  if (viewer !== null) await forgetPages();
  viewer = seen;
  await meta.put(VIEWER_KEY, new Response(seen));
}

// Logging in or out, joining, a counter clerk starting or ending: forgotten as the form is sent
// (the page that follows is noted as a new viewer's anyway).
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (changesAccount(event.request.method, pageOf(url.pathname))) {
    viewer = undefined;
    event.waitUntil(forgetPages().then(() => caches.delete(META)));
  }
});

const keptPages: WorkboxPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => keptPageKey(new URL(request.url)),
  fetchDidSucceed: async ({ request, response }) => {
    // Remix's route list is the same for everyone and comes from the browser's cache, with the
    // header of whoever asked first: only pages tell whose they are.
    if (new URL(request.url).pathname !== "/__manifest")
      await noteViewer(response.headers.get(VIEWER_HEADER));
    return response;
  },
  // Only whole pages: not a redirect to the login page, an error or a refusal.
  cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null),
};

const pages = new NetworkFirst({
  cacheName: PAGES,
  networkTimeoutSeconds: 8,
  matchOptions: { ignoreVary: true },
  plugins: [keptPages, new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 14 * 86_400 })],
});

/**
 * A day sheet opened for a session the phone did not keep (or with other parameters): the
 * market's sheet the phone kept last, which knows its session. Pages only: a data request's
 * answer is for the exact routes it names.
 */
async function anyKeptDaySheet(url: URL): Promise<Response | undefined> {
  const cache = await caches.open(PAGES);
  const kept = await cache.keys();
  for (const key of [...kept].reverse())
    if (new URL(key.url).pathname === url.pathname) return cache.match(key, { ignoreVary: true });
  return undefined;
}

registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && request.method === "GET" && isKeptPage(url.pathname),
  async (options: RouteHandlerCallbackOptions) => {
    try {
      return await pages.handle(options);
    } catch (error) {
      const { url, request } = options;
      if (request.mode === "navigate" && DAY_SHEET_PATH.test(url.pathname)) {
        const kept = await anyKeptDaySheet(url);
        if (kept) return kept;
      }
      throw error;
    }
  },
);

// A receipt's QR code opened by the phone's camera with no signal: the day sheet kept for that
// booking's market and session, which checks it in there (and keeps it until it can be sent).
registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && request.mode === "navigate" && RECEIPT_SCAN_PATH.test(url.pathname),
  async ({ request, url }) => {
    try {
      return await fetch(request);
    } catch (error) {
      const id = Number(RECEIPT_SCAN_PATH.exec(url.pathname)?.[1]);
      const booking = await keptBooking(id);
      if (!booking) throw error;
      const to = new URL(`/manage/zones/${booking.zone}/day`, url.origin);
      to.searchParams.set("session", booking.session);
      to.searchParams.set("scan", String(id));
      return Response.redirect(to.href, 302);
    }
  },
);

// Scripts, styles and icons: their names change with their content, so a kept one is right. So
// do a published layout's stall outlines (the maps of kept market and booking pages need them).
const isAsset = (url: URL) =>
  url.pathname.startsWith("/build/") ||
  url.pathname.startsWith("/icons/") ||
  /^\/layouts\/\d+\/stalls\.json$/.test(url.pathname) ||
  url.pathname === "/favicon.svg";
const assets = new CacheFirst({
  cacheName: ASSETS,
  plugins: [new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 30 * 86_400 })],
});
registerRoute(({ url, sameOrigin }) => sameOrigin && isAsset(url), assets);

// Every other page needs the network; without it, a page that says so, in the phone's language.
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly());

setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate") return offlinePage(self.navigator.language);
  return Response.error();
});

// A page asks for itself and what it loaded to be kept (app/components/offline.tsx): the first page
// a phone opens was loaded before this worker ran.
self.addEventListener("message", (event) => {
  const data = event.data as { type?: string; page?: unknown; assets?: unknown } | null;
  if (data?.type !== "keep" || typeof data.page !== "string" || !Array.isArray(data.assets)) return;
  const page = new URL(data.page);
  if (page.origin !== self.location.origin) return;
  const work: Promise<unknown>[] = [];
  if (isKeptPage(page.pathname))
    work.push(pages.handle({ request: new Request(page.href), event }).catch(() => undefined));
  for (const asset of data.assets.slice(0, 100)) {
    if (typeof asset !== "string") continue;
    const url = new URL(asset, self.location.origin);
    if (url.origin === self.location.origin && isAsset(url))
      work.push(assets.handle({ request: new Request(url.href), event }).catch(() => undefined));
  }
  event.waitUntil(Promise.all(work));
});
