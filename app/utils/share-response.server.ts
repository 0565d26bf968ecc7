// The answer to a request for a picture we draw: the PNG, cached by browsers and chat apps'
// fetchers for a while and revalidated by its ETag.
import type { ShareCard } from "~/domain/share-card";
import { getLocale } from "./i18n.server";
import { isLocale, type Locale } from "./i18n";
import { shareCardPng, type SharePng } from "./share-image.server";

/** The card's language: `?lang=` (the page that links it says), else the reader's. */
export async function shareLocale(request: Request): Promise<Locale> {
  const asked = new URL(request.url).searchParams.get("lang");
  return isLocale(asked) ? asked : getLocale(request);
}

export function shareResponse(request: Request, card: ShareCard): Response {
  return pngResponse(request, shareCardPng(card), 3600);
}

export function pngResponse(request: Request, { png, etag }: SharePng, maxAge: number): Response {
  const headers = {
    "Content-Type": "image/png",
    "Cache-Control": `public, max-age=${maxAge}`,
    ETag: etag,
  };
  if (request.headers.get("If-None-Match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(png), {
    headers: { ...headers, "Content-Length": String(png.length) },
  });
}
