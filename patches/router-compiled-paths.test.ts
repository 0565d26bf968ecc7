// The route-path patch is in force (postinstall): matching a path twice compiles it once.
import { matchPath } from "@remix-run/router";
import { afterEach, describe, expect, it } from "vitest";

const NativeRegExp = globalThis.RegExp;
afterEach(() => {
  globalThis.RegExp = NativeRegExp;
});

describe("patches/router-compiled-paths.mjs", () => {
  it("compiles a route path once, and still matches it", () => {
    let built = 0;
    globalThis.RegExp = new Proxy(NativeRegExp, {
      construct(target, args: [string, string?]) {
        built += 1;
        return new target(...args);
      },
    });
    const pattern = "/markets/:slug/patch-probe";
    expect(matchPath(pattern, "/markets/fuxin/patch-probe")?.params).toEqual({ slug: "fuxin" });
    const first = built;
    expect(first).toBeGreaterThan(0);
    expect(matchPath(pattern, "/markets/shuita/patch-probe")?.params).toEqual({ slug: "shuita" });
    expect(matchPath(pattern, "/markets/shuita/other")).toBeNull();
    expect(built).toBe(first);
  });
});
