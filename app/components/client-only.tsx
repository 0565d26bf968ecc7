import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** True once React runs in the browser; false during server rendering and hydration. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** Renders `children()` only in the browser, `fallback` on the server and before hydration. */
export function ClientOnly({
  children,
  fallback,
}: {
  children: () => ReactNode;
  fallback: ReactNode;
}) {
  return useHydrated() ? children() : fallback;
}

/** The stylesheet's breakpoint between a phone's layout and a wide screen's (56rem). */
export const WIDE_SCREEN = "(min-width: 56rem)";

/**
 * Whether a CSS media query matches, kept up to date; null on the server and during hydration,
 * when the width is not known (CSS decides what shows until then).
 */
export function useMediaQuery(query: string): boolean | null {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => null,
  );
}
