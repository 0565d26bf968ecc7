// Links in the app's lists: a plain <a> that one click handler in the root turns into an in-app
// navigation, as React Router's <Link> would. <Link> runs some twenty hooks for each link it
// renders (its href, its click handler, Remix's prefetching); on a page of 70 links that was a
// seventh of the page's render (docs/decisions/030-plain-links-and-one-commit-a-booking.md).
import { useNavigate } from "@remix-run/react";
import { useEffect, type AnchorHTMLAttributes } from "react";

type QuickLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  /** A path of this app, absolute ("/markets/…") or a query ("?day=…"). */
  to: string;
  /** Stay where the page is scrolled to (a list's next page, a stall chosen on the map). */
  keepScroll?: boolean;
};

/** A link to a page of this app that the browser follows without loading the whole page. */
export function QuickLink({ to, keepScroll, ...rest }: QuickLinkProps) {
  // `data-discover` lets Remix learn the page's route ahead of the click, as it does for <Link>.
  return (
    <a href={to} data-quick={keepScroll ? "keep-scroll" : ""} data-discover="true" {...rest} />
  );
}

/** The one click handler behind every QuickLink: mounted once, in the root. */
export function useQuickLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = quickLinkClicked(event);
      if (!link) return;
      event.preventDefault();
      // The address as the browser resolved it ("?day=…" against the page's own).
      const to = link.pathname + link.search + link.hash;
      // As <Link>: the page already open is replaced in the history, not added again.
      navigate(to, {
        replace: to === location.pathname + location.search + location.hash,
        preventScrollReset: link.dataset.quick === "keep-scroll",
      });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}

/**
 * The QuickLink a click follows in the app, or null when the browser should have it: another
 * button or a key held (a new tab or window), a target, a download, another site, or a click a
 * handler already took.
 */
export function quickLinkClicked(event: {
  defaultPrevented: boolean;
  button: number;
  metaKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return null;
  const target = event.target as Element | null;
  const anchor = target?.closest?.("a[data-quick]");
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  return anchor.origin === window.location.origin ? anchor : null;
}
