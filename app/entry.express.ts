// The server: migrates the database, then serves the Remix app through Express so that
// compression, logging, static caching and shutdown are ours (decision 001). In production it
// is compiled ahead into build/server/ and started through app/server.ts (decision 016).
import path from "node:path";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import cluster from "node:cluster";
import { createRequire } from "node:module";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { migrateDatabase } from "#db/migrate";
import { withDatabaseFaults } from "./utils/database-faults.server";
import { getEnv, mapTiles } from "./utils/env.server";
import { tileHosts } from "./domain/tile-sources";
import { pageCache } from "./utils/page-cache.server";
import { sameOriginWrites, securityHeaders } from "./utils/security.server";
import { viewerHeader } from "./utils/viewer.server";

installGlobals({ nativeFetch: true });

const env = getEnv();
/** The project folder (package.json's), whether this runs from app/ or compiled in build/server/. */
function projectRoot(): string {
  let dir = path.dirname(url.fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const root = projectRoot();
const BUILD_PATH = path.join(root, "build", "index.js");
const VERSION_PATH = path.join(root, "build", "version.txt");

// Migrate with a short-lived connection; the app opens its own (app/utils/db.server.ts). Under
// the cluster's primary (app/cluster.ts) that has been done once, before the processes started.
if (process.env.JISHI_MIGRATED !== "1") await migrateDatabase(env.DATABASE_URL);

/** The built app, every loader and action answering 503 when the database is away. */
async function importBuild(): Promise<ServerBuild> {
  const stat = fs.statSync(BUILD_PATH);
  const build = (await import(
    `${url.pathToFileURL(BUILD_PATH).href}?t=${stat.mtimeMs}`
  )) as ServerBuild;
  return withDatabaseFaults(build);
}

const initialBuild = await importBuild();

// Which React the process loaded: its development build is several times slower, and is chosen
// by NODE_ENV at React's first import (app/server.ts sets it first). Production never runs on it.
// (Node's ES module loader lists both builds in the CommonJS cache when it reads react/index.js
// for its exports; only the one that ran is `loaded`.)
const reactBuild = Object.entries(createRequire(import.meta.url).cache).some(
  ([file, module]) =>
    module?.loaded && /[\\/]react(-dom)?[\\/]cjs[\\/].*\.development\.js$/.test(file),
)
  ? "development"
  : "production";
if (reactBuild === "development" && env.NODE_ENV === "production") {
  console.error("React's development build was loaded in production: start with app/server.ts");
  process.exit(1);
}

/** What a loader or action may know about the connection: the client's address, for limits. */
function getLoadContext(req: express.Request, res: express.Response) {
  return {
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    cspNonce: String(res.locals.cspNonce ?? ""),
    requestId: String(res.locals.requestId ?? ""),
  };
}

async function developmentHandler(): Promise<express.RequestHandler> {
  const { default: chokidar } = await import("chokidar");
  let build = initialBuild;
  const reload = async () => {
    build = await importBuild();
    await broadcastDevReady(build);
  };
  chokidar.watch(VERSION_PATH, { ignoreInitial: true }).on("add", reload).on("change", reload);
  return (req, res, next) =>
    createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next);
}

const app = express();
app.disable("x-powered-by");
// Behind N proxies, req.ip is the client's address from X-Forwarded-For; with none, the socket's.
app.set("trust proxy", env.TRUST_PROXY);
app.use(compression());
app.use(
  securityHeaders({
    tileHosts: tileHosts(mapTiles()),
    https: (env.APP_URL ?? "").startsWith("https:"),
  }),
);
app.use(sameOriginWrites(() => (env.APP_URL ? new URL(env.APP_URL).origin : null)));
// Fingerprinted assets can be cached for good; everything else in public/ for an hour.
app.use(
  "/build",
  express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }),
);
// The other files of public/, looked up only for their own names: a static handler in front of
// every page would ask the disk for /markets/…, /book/… and every other page first.
const publicDir = path.join(root, "public");
const publicFiles = new Set(fs.readdirSync(publicDir).map((name) => `/${name}`));
const publicStatic = express.static(publicDir, {
  maxAge: "1h",
  index: false,
  // The service worker is looked at again on every visit, so that a new one reaches phones.
  setHeaders: (res, file) => {
    if (path.basename(file) === "sw.js") res.setHeader("Cache-Control", "no-cache");
  },
});
app.use((req, res, next) => {
  const top = /^\/[^/?]*/.exec(req.path)?.[0] ?? "";
  if (publicFiles.has(top)) publicStatic(req, res, next);
  else next();
});
// Every request gets an id, in the log line and the response, so a report of a problem can be
// matched to what the server saw.
app.use((req, res, next) => {
  res.locals.requestId = randomUUID();
  res.setHeader("X-Request-Id", res.locals.requestId);
  next();
});
app.use(viewerHeader);
morgan.token("id", (_req, res) => String((res as express.Response).locals.requestId ?? "-"));
app.use(
  morgan(
    env.NODE_ENV === "production"
      ? ':id :remote-addr - :remote-user [:date[clf]] ":method :url HTTP/:http-version" :status :res[content-length] ":referrer" ":user-agent"'
      : ":id :method :url :status :response-time ms",
  ),
);
if (env.PAGE_CACHE === "on" && env.NODE_ENV !== "development")
  app.use(pageCache({ shared: cluster.isWorker }));
// `use`, not `all("*")`: Express would decode the path as a parameter and answer a malformed
// one (`/vendors/%FF`) with its own untranslated 400; Remix reads the raw URL and answers 404.
app.use(
  env.NODE_ENV === "development"
    ? await developmentHandler()
    : createRequestHandler({ build: initialBuild, mode: initialBuild.mode, getLoadContext }),
);

// Links in SMS and e-mail need the public address; pages can use the one they are asked at.
if (process.env.NODE_ENV === "production" && !env.APP_URL)
  console.warn(
    `APP_URL is not set: links sent by SMS and e-mail will point at http://localhost:${env.PORT}. ` +
      "Set APP_URL to this site's public address, e.g. https://jishi.example.gov.cn (README, Configuration).",
  );
const server = app.listen(env.PORT, () => {
  console.log(`Jishi is listening on http://localhost:${env.PORT} (React ${reactBuild} build)`);
  if (env.NODE_ENV === "development") void broadcastDevReady(initialBuild);
});

// Finish the requests in flight, then close the database, so nothing is cut half-way.
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  server.close(async () => {
    await globalThis.__jishiDb?.destroy();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
// A promise nobody awaited must not take the server down with every request in flight: log it.
process.on("unhandledRejection", (reason) => {
  console.error("Unhandled rejection:", reason);
});
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
