// A small shared cache in front of the app, for public pages only. Many residents open the same
// market page at once (they scan the poster at the entrance); it is rendered once and served to
// each of them for a few seconds. It follows HTTP: a response is kept only when it says a shared
// cache may keep it (`s-maxage`), and only for readers without a session, whose pages are all
// alike. Any change (a non-GET request) empties it, so a change made here shows at once; a change
// made by another instance shows within `s-maxage` (docs/decisions/008-public-page-cache.md).
import type { RequestHandler, Response } from "express";
import { ELDER_ON } from "./elder.server";
import { localeFromAcceptLanguage } from "./i18n.server";

interface Entry {
  /** The CSP nonce the page was rendered with: each hit gets its own in its place. */
  nonce: string;
  status: number;
  headers: [string, string | number | string[]][];
  body: Buffer;
  stored: number;
  expires: number;
}

/** Headers that belong to one response on one connection, never to a stored copy. */
const HOP_HEADERS = new Set([
  "connection",
  "content-encoding",
  "content-length",
  "date",
  "keep-alive",
  "transfer-encoding",
  "set-cookie",
  "x-cache",
  "age",
  // Set afresh for each response, with its own nonce.
  "content-security-policy",
]);

const MAX_BODY = 2 * 1024 * 1024;

/** The `s-maxage` of a Cache-Control header in seconds, or 0 when shared caches may not keep it. */
export function sharedMaxAge(cacheControl: unknown): number {
  if (typeof cacheControl !== "string" || /\b(private|no-store)\b/.test(cacheControl)) return 0;
  const match = /\bs-maxage=(\d+)/.exec(cacheControl);
  return match ? Number(match[1]) : 0;
}

/**
 * The key a request is cached under, or null when it must not be served from the cache: only
 * GETs from a reader whose only cookies are the language choice and the large-text mode. The
 * key holds what chooses the page's language (that cookie as sent, else Accept-Language) and
 * the mode, so each language and mode has its copy.
 */
export function cacheKey(req: {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}): string | null {
  if (req.method !== "GET") return null;
  const cookies = String(req.headers.cookie ?? "")
    .split(";")
    .map((c) => c.trim())
    .filter(Boolean);
  if (cookies.some((c) => !c.startsWith("jishi_lang=") && !c.startsWith("jishi_elder=")))
    return null;
  const accept = req.headers["accept-language"];
  const language =
    cookies.find((c) => c.startsWith("jishi_lang=")) ??
    localeFromAcceptLanguage(typeof accept === "string" ? accept : null) ??
    "";
  const elder = cookies.includes(`jishi_elder=${ELDER_ON}`);
  // The host too: without APP_URL, a page's absolute links (share cards, the poster's QR code)
  // are made from the address it was asked at.
  return `${req.headers.host ?? ""}${req.originalUrl}\n${language}${elder ? "\nelder" : ""}`;
}

/** What a server process tells the others, through the cluster's primary, after a change. */
export const CLEAR_MESSAGE = { type: "page-cache:clear" } as const;

export function pageCache({
  maxEntries = 1000,
  maxBytes = 64 * 1024 * 1024,
  shared = false,
}: {
  maxEntries?: number;
  maxBytes?: number;
  /** One of several server processes (app/cluster.ts): a change empties every one's cache. */
  shared?: boolean;
} = {}) {
  // Insertion order is recency: a hit is moved to the end, the oldest goes first.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let generation = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.byteLength;
    entries.delete(key);
  };
  const clear = () => {
    generation += 1;
    entries.clear();
    bytes = 0;
  };
  const clearEverywhere = () => {
    clear();
    if (shared) process.send?.(CLEAR_MESSAGE);
  };
  if (shared)
    process.on("message", (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === CLEAR_MESSAGE.type) clear();
    });

  const serve = (res: Response, entry: Entry, now: number) => {
    res.status(entry.status);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Age", String(Math.floor((now - entry.stored) / 1000)));
    res.setHeader("X-Cache", "hit");
    const nonce = String(res.locals.cspNonce ?? "");
    res.end(
      entry.nonce && nonce
        ? Buffer.from(entry.body.toString("utf8").replaceAll(entry.nonce, nonce))
        : entry.body,
    );
  };

  const middleware: RequestHandler = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") {
      // Whatever it changed may show on any public page: start afresh once it is done.
      res.on("finish", clearEverywhere);
      next();
      return;
    }
    const key = cacheKey(req);
    if (!key) {
      next();
      return;
    }
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.expires > now) {
      entries.delete(key);
      entries.set(key, hit);
      serve(res, hit, now);
      return;
    }
    drop(key);

    // Keep a copy of what the app writes, and store it at the end if the response allows.
    const started = generation;
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.byteLength;
      if (size <= MAX_BODY) chunks.push(buffer);
    };
    const original = res as unknown as {
      write: (...args: unknown[]) => boolean;
      end: (...args: unknown[]) => unknown;
    };
    const write = original.write.bind(res);
    const end = original.end.bind(res);
    original.write = (chunk: unknown, encoding?: unknown, ...rest: unknown[]) => {
      keep(chunk, encoding);
      return write(chunk, encoding, ...rest);
    };
    original.end = (chunk?: unknown, encoding?: unknown, ...rest: unknown[]) => {
      keep(chunk, encoding);
      const seconds = sharedMaxAge(res.getHeader("cache-control"));
      if (
        res.statusCode === 200 &&
        seconds > 0 &&
        size <= MAX_BODY &&
        !res.getHeader("set-cookie") &&
        generation === started
      ) {
        const body = Buffer.concat(chunks);
        const headers = Object.entries(res.getHeaders())
          .filter(([name, value]) => !HOP_HEADERS.has(name) && value !== undefined)
          .map(([name, value]) => [name, value] as [string, string | number | string[]]);
        entries.set(key, {
          nonce: String(res.locals.cspNonce ?? ""),
          status: 200,
          headers,
          body,
          stored: now,
          expires: now + seconds * 1000,
        });
        bytes += body.byteLength;
        for (const oldest of entries.keys()) {
          if (entries.size <= maxEntries && bytes <= maxBytes) break;
          drop(oldest);
        }
      }
      return end(chunk, encoding, ...rest);
    };
    res.setHeader("X-Cache", "miss");
    next();
  };
  return Object.assign(middleware, { clear, size: () => entries.size });
}

/** What a public page answers with: any shared cache may keep it for a few seconds. */
export const PUBLIC_PAGE_CACHE = "public, max-age=0, s-maxage=10";

export function publicPageHeaders() {
  return { "Cache-Control": PUBLIC_PAGE_CACHE, Vary: "Cookie, Accept-Language" };
}
