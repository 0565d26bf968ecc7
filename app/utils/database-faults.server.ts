// When the database cannot do its part (PostgreSQL restarting or failing over, a connection
// killed, a full or read-only disk under SQLite), a page answers 503 with Retry-After and a
// translated "try again in a moment", never a 500: the request was fine. Applied once to the
// whole build (app/entry.express.ts), so no loader or action has to remember it.
import type { ServerBuild } from "@remix-run/node";
import { isDatabaseUnavailable } from "#db/errors";

/** Seconds a client is asked to wait: about as long as a PostgreSQL restart takes. */
export const RETRY_AFTER_SECONDS = 5;

let answered = 0;

/** How many requests this process has answered with 503 for the database (the fault tests). */
export function databaseUnavailableAnswers(): number {
  return answered;
}

export function databaseUnavailable(): Response {
  answered += 1;
  return new Response("database unavailable", {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}

type Handler = (args: never) => unknown;

/** `handler`, with a database fault turned into a thrown 503 (Remix renders the error page). */
export function guarded<F extends Handler>(handler: F): F {
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const { code, message } = error as { code?: string; message?: string };
      console.error(`Database unavailable (${code ?? "no code"}): ${message ?? ""}`);
      throw databaseUnavailable();
    }
  }) as F;
}

/** The build with every route's loader and action guarded. */
export function withDatabaseFaults(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: guarded(loader) } : {}),
        ...(action ? { action: guarded(action) } : {}),
      },
    };
  }
  return { ...build, routes };
}
