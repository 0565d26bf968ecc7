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
