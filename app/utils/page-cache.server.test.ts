import type { AddressInfo } from "node:net";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, CLEAR_MESSAGE, pageCache, sharedMaxAge } from "./page-cache.server";

let renders = 0;
let base = "";
const cache = pageCache({ maxEntries: 3 });
let nonces = 0;
const server = express()
  .use(compression())
  .use((_req, res, next) => {
    res.locals.cspNonce = `nonce${(nonces += 1)}x`;
    next();
  })
  .use(cache)
  .get("/public", (req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "public, max-age=0, s-maxage=10");
    res.type("html");
    // Written in pieces, as a streamed page is.
    res.write(`<script nonce="${res.locals.cspNonce}"></script><p>render ${renders}</p>`);
    res.end(`<p>${"x".repeat(2000)}</p>`);
  })
  .get("/private", (req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "private, max-age=0");
    res.end(`render ${renders}`);
  })
  .get("/cookie", (req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "public, s-maxage=10");
    res.setHeader("Set-Cookie", "a=b");
    res.end(`render ${renders}`);
  })
  .get("/missing", (req, res) => {
    renders += 1;
    res.setHeader("Cache-Control", "public, s-maxage=10");
    res.status(404).end(`render ${renders}`);
  })
  .post("/change", (req, res) => {
    res.end("changed");
  });

let listener: ReturnType<typeof server.listen>;
beforeAll(async () => {
  listener = server.listen(0);
  await new Promise((resolve) => listener.once("listening", resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(() => listener.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}${path}`, { headers });
  const raw = await response.text();
  // Each response has its own nonce: pages are compared without it.
  return {
    raw,
    text: raw.replace(/nonce="[^"]+"/, ""),
    cache: response.headers.get("x-cache"),
    response,
  };
};

describe("the public page cache", () => {
  it("renders a public page once and serves the copy, whole and compressed as asked", async () => {
    cache.clear();
    const first = await get("/public");
    const second = await get("/public", { "Accept-Encoding": "gzip" });
    expect(first.cache).toBe("miss");
    expect(second.cache).toBe("hit");
    // The same page, each copy with the nonce of its own response.
    expect(second.text).toBe(first.text);
    const nonce = (raw: string) => /nonce="([^"]+)"/.exec(raw)![1];
    expect(nonce(second.raw)).not.toBe(nonce(first.raw));
    expect(second.response.headers.get("content-type")).toContain("text/html");
    expect(second.response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=10");
  });

  it("keeps one copy per language and none for a reader with a session", async () => {
    cache.clear();
    const zh = await get("/public", { "Accept-Language": "zh-CN" });
    const en = await get("/public", { "Accept-Language": "en-GB" });
    expect(en.text).not.toBe(zh.text);
    expect((await get("/public", { "Accept-Language": "en" })).text).toBe(en.text);
    const chosen = await get("/public", { Cookie: "jishi_lang=abc" });
    expect(chosen.cache).toBe("miss");
    const session = await get("/public", { Cookie: "jishi_lang=abc; jishi_session=xyz" });
    expect(session.cache).toBeNull();
    expect(session.text).not.toBe(chosen.text);
  });

  it("empties itself when anything changes", async () => {
    cache.clear();
    const before = await get("/public");
    expect((await get("/public")).text).toBe(before.text);
    await fetch(`${base}/change`, { method: "POST" });
    const after = await get("/public");
    expect(after.cache).toBe("miss");
    expect(after.text).not.toBe(before.text);
  });

  it("never keeps a private page, an error or a response that sets a cookie", async () => {
    cache.clear();
    for (const path of ["/private", "/cookie", "/missing"]) {
      const a = await get(path);
      const b = await get(path);
      expect(b.text).not.toBe(a.text);
    }
    expect(cache.size()).toBe(0);
  });

  it("holds at most the entries it was given, dropping the least recently used", async () => {
    cache.clear();
    for (const q of ["a", "b", "c", "d"]) await get(`/public?${q}`);
    expect(cache.size()).toBe(3);
    expect((await get("/public?a")).cache).toBe("miss");
    expect((await get("/public?d")).cache).toBe("hit");
  });

  it("reads Cache-Control and the request as a shared cache should", () => {
    expect(sharedMaxAge("public, max-age=0, s-maxage=10")).toBe(10);
    expect(sharedMaxAge("private, s-maxage=10")).toBe(0);
    expect(sharedMaxAge("public, max-age=60")).toBe(0);
    expect(sharedMaxAge(undefined)).toBe(0);
    const request = (method: string, cookie?: string) => ({
      method,
      originalUrl: "/markets/x",
      headers: { cookie },
    });
    expect(cacheKey(request("POST"))).toBeNull();
    expect(cacheKey(request("GET", "jishi_flash=1"))).toBeNull();
    expect(cacheKey(request("GET"))).toBe("/markets/x\n");
    // Large text is a copy of its own, in either language; the cookie's order does not matter.
    expect(cacheKey(request("GET", "jishi_elder=1"))).toBe("/markets/x\n\nelder");
    expect(cacheKey(request("GET", "jishi_elder=1; jishi_lang=en"))).toBe(
      "/markets/x\njishi_lang=en\nelder",
    );
    expect(cacheKey(request("GET", "jishi_lang=en"))).toBe("/markets/x\njishi_lang=en");
  });
});

describe("the page cache of one of several server processes", () => {
  it("tells the others of a change, and empties itself when told of theirs", async () => {
    const sent: unknown[] = [];
    const original = process.send;
    process.send = ((message: unknown) => sent.push(message) > 0) as typeof process.send;
    let pages = 0;
    const app = express()
      .use(pageCache({ shared: true }))
      .get("/page", (_req, res) => {
        res.setHeader("Cache-Control", "public, s-maxage=10");
        res.end(`page ${(pages += 1)}`);
      })
      .post("/change", (_req, res) => res.end("changed"));
    const other = app.listen(0);
    await new Promise((resolve) => other.once("listening", resolve));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const page = async () => (await fetch(`${url}/page`)).text();
    try {
      expect([await page(), await page()]).toEqual(["page 1", "page 1"]);
      // A change made on another process, passed on by the cluster's primary.
      process.emit("message", CLEAR_MESSAGE, undefined);
      expect(await page()).toBe("page 2");
      // A change made here is passed on to the others.
      await fetch(`${url}/change`, { method: "POST" });
      expect(sent).toEqual([CLEAR_MESSAGE]);
      expect(await page()).toBe("page 3");
    } finally {
      process.send = original;
      other.close();
    }
  });
});
