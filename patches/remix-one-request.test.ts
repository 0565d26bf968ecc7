// The one-request patch is in force (postinstall): a loader or action gets the request as it came
// when its query names neither `index` nor `_routes`, and a stripped copy as before when it does.
// The patch is of the CommonJS file, which the server loads (`require`).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { callRouteLoader, callRouteAction } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (args: object) => Promise<unknown>;
  callRouteAction: (args: object) => Promise<unknown>;
};

/** The request a loader (or action) is handed for `request`. */
async function handed(request: Request, call = callRouteLoader): Promise<Request> {
  let seen: Request | undefined;
  const work = async ({ request: given }: { request: Request }) => {
    seen = given;
    return null;
  };
  await call({
    loader: work,
    action: work,
    request,
    params: {},
    loadContext: {},
    routeId: "routes/test",
    singleFetch: true,
  });
  return seen!;
}

describe("patches/remix-one-request.mjs", () => {
  it("hands on the request as it came when there is nothing to strip", async () => {
    for (const url of [
      "http://x/markets/fuxin",
      "http://x/book/fuxin?session=2026-12-01%7Ct1",
      "http://x/index-of-things?q=indexed",
    ]) {
      const request = new Request(url, { headers: { Cookie: "a=1" } });
      if (url.includes("%") || url.includes("index")) {
        // A query that may name one: copied, the same address when there was none to strip.
        expect((await handed(request)).url).toBe(url);
      } else expect(await handed(request)).toBe(request);
    }
    const post = new Request("http://x/book/fuxin", { method: "POST", body: "stallId=1" });
    expect(await handed(post, callRouteAction)).toBe(post);
  });

  it("strips index and _routes as Remix does, escaped names too", async () => {
    const strip = async (url: string) => (await handed(new Request(url))).url;
    expect(await strip("http://x/?index&day=2026-12-01")).toBe("http://x/?day=2026-12-01");
    expect(await strip("http://x/?index=keep")).toBe("http://x/?index=keep");
    expect(await strip("http://x/markets?_routes=root&x=1")).toBe("http://x/markets?x=1");
    expect(await strip("http://x/?%69ndex=&%5Froutes=root")).toBe("http://x/");
  });
});
