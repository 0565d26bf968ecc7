// The installable app in the page (issue 19): the service worker registered, whether the phone
// has a network, and the line that says a page is the copy kept on the phone.
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useSyncExternalStore } from "react";
import { useT } from "~/utils/i18n";

/** Whether the browser has a network; true on the server and during hydration. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener("online", onChange);
      window.addEventListener("offline", onChange);
      return () => {
        window.removeEventListener("online", onChange);
        window.removeEventListener("offline", onChange);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/**
 * Registers public/sw.js (built by `npm run build`; not under `npm run dev`, whose scripts change
 * under it). A page loaded before the worker ran (the first a phone opens) asks it to keep the
 * page and what it loaded, which would otherwise be missing offline; later ones pass through it.
 */
export function useServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    const passedThrough = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker
      .register("/sw.js")
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (cancelled || passedThrough || !navigator.onLine) return;
        const assets = performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((name) => new URL(name).origin === location.origin);
        registration.active?.postMessage({ type: "keep", page: location.href, assets });
      })
      .catch(() => {
        // No service worker (a private window, an old browser): the app works online as before.
      });
    return () => {
      cancelled = true;
    };
  }, []);
}

export function OfflineBanner() {
  const t = useT();
  return useOnline() ? null : (
    <p className="offline-banner" role="status">
      {t("offline.banner")}
    </p>
  );
}

/**
 * Data is fetched again after an action only with a network, and not after an action kept on the
 * phone to be synced (app/components/day-sync.tsx): the page keeps what it shows.
 */
export const revalidateOnline: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) => {
  if (typeof navigator !== "undefined" && !navigator.onLine) return false;
  if ((actionResult as { queued?: unknown } | undefined)?.queued) return false;
  return defaultShouldRevalidate;
};
