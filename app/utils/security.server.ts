// HTTP security for every response: a Content Security Policy with a fresh nonce per request
// (enforced), the usual protective headers (Helmet), and a check that every request that can
// change something comes from our own pages.
import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

export function nonceOf(res: Response): string {
  return String(res.locals.cspNonce ?? "");
}

export function securityHeaders({
  tileHosts,
  https,
}: {
  /** Exactly the hosts the base map loads from (app/domain/tile-sources.ts). */
  tileHosts: string[];
  https: boolean;
}): RequestHandler[] {
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", ["'self'", "'nonce-{nonce}'"]],
    // No style attributes in server-rendered pages (swatches are classes); maps set their
    // styles through the DOM, which the policy allows.
    ["style-src", ["'self'"]],
    ["img-src", ["'self'", "data:", "blob:", ...tileHosts]],
    ["connect-src", ["'self'"]],
    ["font-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
    ...(https ? ([["upgrade-insecure-requests", []]] as [string, string[]][]) : []),
  ];
  // The policy is written once; each response only puts its own nonce in (Helmet would build
  // the whole header again for every request).
  const [before, after] = directives
    .map(([name, values]) => [name, ...values].join(" "))
    .join(";")
    .split("{nonce}") as [string, string];
  return [
    (_req, res, next) => {
      const nonce = randomBytes(16).toString("base64");
      res.locals.cspNonce = nonce;
      res.setHeader("Content-Security-Policy", before + nonce + after);
      next();
    },
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      xFrameOptions: { action: "deny" },
      crossOriginEmbedderPolicy: false,
      // Feeds (/markets.geojson, calendars) are meant to be read by other sites.
      crossOriginResourcePolicy: { policy: "cross-origin" },
    }),
  ];
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that can change something must come from our own pages: its Origin, when the
 * browser sends one, is ours, and Sec-Fetch-Site, when sent, is not another site. Programs
 * that send neither (curl, the benchmark) are let through: cookies are SameSite=Lax, so a
 * browser on another site cannot send the session with them anyway.
 */
export function sameOriginWrites(appOrigin: () => string | null): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get("origin");
    const site = req.get("sec-fetch-site");
    const own = appOrigin() ?? `${req.protocol}://${req.get("host")}`;
    const hostOrigin = `${req.protocol}://${req.get("host")}`;
    const foreign =
      (origin !== undefined && origin !== "null" && origin !== own && origin !== hostOrigin) ||
      origin === "null" ||
      site === "cross-site" ||
      site === "same-site";
    if (!foreign) return next();
    res
      .status(403)
      .type("html")
      .send(
        `<!doctype html><meta charset="utf-8"><title>403</title><h1 lang="zh-CN">请求来自别的网站，已拒绝。请回到集市网站再操作。</h1><p lang="en">This request came from another site and was refused. Go back to the Jishi site and try again.</p>`,
      );
  };
}
