// The route-tree patch is in force (postinstall): a route array is flattened and ranked once,
// each caller still gets matches of its own, and React Router converts routes once. The patch is
// of the CommonJS files, which the server loads (`require`); Vitest would import the ES modules.
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import type { AgnosticRouteObject } from "@remix-run/router";
import type * as RouterDomServer from "react-router-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { createStaticHandler, matchRoutes } = require("@remix-run/router") as typeof Router;
const { createStaticRouter } = require("react-router-dom/server") as typeof RouterDomServer;

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "market", path: "markets/:slug" },
      { id: "splat", path: "*" },
    ],
  },
];

describe("patches/remix-routes-once.mjs", () => {
  it("matches as before, and a caller changing its matches changes nobody else's", () => {
    const first = matchRoutes(routes, "/markets/fuxin")!;
    expect(first.map((m) => m.route.id)).toEqual(["root", "market"]);
    expect(first[1]!.params).toEqual({ slug: "fuxin" });
    (first[1]!.params as Record<string, string>).slug = "changed";
    first.pop();
    const again = matchRoutes(routes, "/markets/fuxin")!;
    expect(again.map((m) => m.route.id)).toEqual(["root", "market"]);
    expect(again[1]!.params).toEqual({ slug: "fuxin" });
    // One params object for a whole match, as the router has always given it.
    expect(again[0]!.params).toBe(again[1]!.params);
    expect(matchRoutes(routes, "/markets/shuita")![1]!.params).toEqual({ slug: "shuita" });
    expect(matchRoutes(routes, "/")!.map((m) => m.route.id)).toEqual(["root", "home"]);
    expect(matchRoutes(routes, "/elsewhere/x")!.map((m) => m.route.id)).toEqual(["root", "splat"]);
  });

  it("keeps a route array's ranked branches (the server never changes its routes in place)", () => {
    const kept: AgnosticRouteObject[] = [{ id: "first", path: "/a" }];
    expect(matchRoutes(kept, "/b")).toBeNull();
    kept.push({ id: "added", path: "/b" });
    expect(matchRoutes(kept, "/b")).toBeNull();
    expect(matchRoutes([...kept], "/b")!.map((m) => m.route.id)).toEqual(["added"]);
  });

  it("a different route array is matched on its own", () => {
    const other: AgnosticRouteObject[] = [{ id: "only", path: "/markets/:slug" }];
    expect(matchRoutes(other, "/markets/fuxin")!.map((m) => m.route.id)).toEqual(["only"]);
    expect(matchRoutes(other, "/")).toBeNull();
    expect(matchRoutes(routes, "/markets/fuxin")!.map((m) => m.route.id)).toEqual([
      "root",
      "market",
    ]);
  });

  it("React Router converts a route array to its data routes once", async () => {
    const handler = createStaticHandler(routes);
    const context = await handler.query(new Request("http://localhost/markets/fuxin"));
    if (context instanceof Response) throw new Error("no context");
    const one = createStaticRouter(routes, context);
    const two = createStaticRouter(routes, context);
    expect(two.routes).toBe(one.routes);
    expect(two.state.matches.map((m) => m.route.id)).toEqual(["root", "market"]);
  });
});
