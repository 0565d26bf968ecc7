import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { guarded, RETRY_AFTER_SECONDS, withDatabaseFaults } from "./database-faults.server";

const dbDown = Object.assign(new Error("terminating connection due to administrator command"), {
  code: "57P01",
});

/** What a loader or action gives: its value, or what it threw. */
const outcome = (handler: unknown) =>
  Promise.resolve()
    .then(() => (handler as (args: never) => unknown)({} as never))
    .catch((thrown: unknown) => thrown);

const throwing = (error: unknown) => async () => {
  throw error;
};

describe("a loader or action whose database is away", () => {
  it("throws a 503 with Retry-After in place of the database's error", async () => {
    const thrown = await outcome(guarded(throwing(dbDown)));
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
  });

  it("leaves every other outcome as it was: data, a thrown response, a bug", async () => {
    expect(await outcome(guarded(async () => ({ ok: 1 })))).toEqual({ ok: 1 });
    const notFound = new Response("no", { status: 404 });
    expect(await outcome(guarded(throwing(notFound)))).toBe(notFound);
    const bug = new TypeError("x is undefined");
    expect(await outcome(guarded(throwing(bug)))).toBe(bug);
  });

  it("guards every route of a build, and keeps what else the modules export", async () => {
    const meta = () => [];
    const build = {
      routes: {
        root: { id: "root", path: "", module: { default: () => null, loader: throwing(dbDown) } },
        "routes/book": {
          id: "routes/book",
          parentId: "root",
          path: "book",
          module: { default: () => null, action: throwing(dbDown), meta },
        },
      },
    } as unknown as ServerBuild;
    const routes = withDatabaseFaults(build).routes;
    expect(routes["routes/book"]!.module.meta).toBe(meta);
    expect(routes["routes/book"]!.module.loader).toBeUndefined();
    const answers = await Promise.all([
      outcome(routes.root!.module.loader),
      outcome(routes["routes/book"]!.module.action),
    ]);
    expect(answers.map((a) => (a as Response).status)).toEqual([503, 503]);
  });
});
