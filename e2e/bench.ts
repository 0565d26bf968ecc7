// `npm run bench`: starts the built app on a fresh demo database and prints how fast it is.
// Every figure is measured in this run, beside a trivial route of the same server. SQLite by
// default; BENCH_POSTGRES_URL=postgres://… runs it on a new database on that PostgreSQL server.
// The server runs as production does, one process per core; a second run of the read routes on
// one process shows what the other cores add. `npm run bench -- --profile` writes a CPU profile
// of every server process to data/bench/profile/ and prints where the time went; `-- --pages`
// stops after the routes' table and the memory. A route with a goal is measured in rounds beside
// the trivial route (BENCH_ROUNDS, default 3; decision 036), and again on the render floor: the
// same server with its loaders answering from memory (decision 037).
import { commitmentOf, draw, DRAW_VERSION, type BallotInputs } from "../app/domain/ballot-draw";
import { searchQuality } from "../db/demo/search-queries";
import { searchVendors } from "../app/models/public-vendor.server";
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed, seedOperations, seedRegulars } from "../db/seed";
import { chromium } from "@playwright/test";
import { createBigZone } from "../db/testing/big-zone";
import { generateCountyYear } from "../db/testing/county-year";
import { createTestDatabase, databaseUrl, dropTestDatabase } from "../db/testing/postgres";
import { DEFAULT_LAYOUT_RULES } from "../app/domain/layout-checks";
import { loadLayoutDocument, runChecks } from "../app/models/layout.server";
import { createApprovedVendor, officeUserId, stallsTaking } from "../db/testing/factories";
import type { QueuedAction } from "../app/domain/day-sync";
import { bookStall } from "../app/models/booking.server";
import { syncDayActions } from "../app/models/day-sync.server";
import { firstLoadJs } from "./page-weight";
import { prepareRenderFloor } from "./render-floor";
import { postBooking, processTree, startApp, stopApp, waitForApp } from "./app-server";
import { launchOptions } from "./settings";
import { addDays } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { upcomingSessions, loadZoneCalendar } from "../app/models/zone-calendar.server";
import { addClosure } from "../app/models/zone-schedule.server";
import { SMS_KINDS } from "../app/domain/sms-templates";
import { LOCAL_KEYS, startSmsProvider } from "./sms-provider";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = path.resolve("data/bench");
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL;
const POSTGRES_DATABASE = POSTGRES_ADMIN_URL
  ? await createTestDatabase(POSTGRES_ADMIN_URL, "jishi_bench")
  : "";
const DATABASE_URL = POSTGRES_ADMIN_URL
  ? databaseUrl(POSTGRES_ADMIN_URL, POSTGRES_DATABASE)
  : `file:${DIR}/jishi.db`;
const ENGINE = POSTGRES_ADMIN_URL ? "PostgreSQL" : "SQLite";
const SECRET = "bench-session-secret-not-for-production";
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;
const PROFILE = process.argv.includes("--profile") || !!process.env.BENCH_PROFILE;
/** `--pages`: only the routes' table and the memory, for trying a change to a page's speed. */
const PAGES_ONLY = process.argv.includes("--pages");
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1500);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  ratio?: number;
  /** The least ratio to the trivial route. */
  goal?: number;
  /** The most p50 latency, ms. */
  p50Goal?: number;
  /** Asked by one reader at a time: its rate is not a share of the server's. */
  alone?: boolean;
  /** Each round's ratio, when the route alternated with the trivial route (the ratio is their median). */
  rounds?: number[];
}

/**
 * Rounds in which a route with a goal alternates with the trivial route. The trivial route's
 * rate drifts within one run (740 to 1,400 req/s seen on this machine), so a ratio to a single
 * run of it, measured first, said more about that moment than about the page: each round's
 * ratio is the route's rate over the trivial route's just before it, and the row gives the
 * median round.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Seconds each side of a round runs. */
const ROUND_SECONDS = Math.max(3, Math.round(DURATION / 2));

/** The median round of those measured (the upper one of an even number) and every round's ratio. */
function medianRound<T extends { ratio: number }>(rounds: T[]): { middle: T; ratios: number[] } {
  const ratios = rounds.map((r) => r.ratio);
  const middle = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)]!;
  return { middle, ratios };
}

async function paired(name: string, options: autocannon.Options, goal: number): Promise<Row> {
  const rows: (Row & { ratio: number })[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const trivial = await run("", { url: "/healthz", duration: ROUND_SECONDS });
    const row = await run(name, { ...options, duration: ROUND_SECONDS });
    rows.push({ ...row, ratio: row.rps / trivial.rps });
  }
  const { middle, ratios } = medianRound(rows);
  return {
    ...middle,
    errors: rows.reduce((n, r) => n + r.errors, 0),
    goal,
    rounds: ratios,
  };
}

async function run(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: DURATION,
    ...options,
    url: `${BASE}${options.url ?? "/"}`,
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
}

/** `count` calls of `task` by CONNECTIONS workers at once; throughput and latency percentiles. */
async function closedLoop(count: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { rps: count / seconds, p50: at(0.5), p99: at(0.99) };
}

/**
 * One page asked for again and again by one reader, each after the last: the time it takes to
 * render, without waiting in line behind other requests (which the 20-connection rows measure).
 */
async function alone(name: string, url: string, headers: Record<string, string>, count = 40) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < count + 5; i++) {
    const t0 = performance.now();
    const response = await fetch(`${BASE}${url}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) errors += 1;
    if (i >= 5) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const ms = (n: number) => Math.round(n * 10) / 10;
  return { name, rps: 1000 / mean, p50: ms(at(0.5)), p99: ms(at(0.99)), errors, alone: true };
}

/**
 * How a market page with thousands of stalls behaves in a real browser: time until the stalls
 * are drawn, and the frames while a person drags the map about and zooms in.
 */
async function mapSmoothness(pathname: string) {
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const t0 = performance.now();
    await page.goto(`${BASE}${pathname}`);
    await page.locator(".leaflet-overlay-pane canvas").waitFor();
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => r(null)))");
    const drawn = performance.now() - t0;
    const box = (await page.locator(".leaflet-container").boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    // A string, not a function: the bench runs through tsx, whose helpers the page lacks.
    await page.evaluate(`(() => {
      const frames = (window.frames_ = []);
      let last = performance.now();
      const tick = (t) => { frames.push(t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 90; i++)
      await page.mouse.move(cx + Math.sin(i / 8) * 250, cy + Math.cos(i / 8) * 150, { steps: 2 });
    await page.mouse.up();
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(250);
    }
    const frames = (await page.evaluate(() => (window as unknown as { frames_: number[] }).frames_))
      .slice(1)
      .sort((a, b) => a - b);
    const at = (q: number) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]!;
    return { drawn, frames: frames.length, p50: at(0.5), p95: at(0.95), worst: frames.at(-1)! };
  } finally {
    await browser.close();
  }
}

/**
 * The built app on the bench database: one process per core unless `processes` says; from
 * `cwd` for the render floor.
 */
function startServer(processes?: number, cwd?: string) {
  // Each process (the cluster's workers inherit the flags) writes its profile when it exits.
  // Not the render floor's: its profiles would be mixed with the app's.
  const profile = PROFILE && !cwd ? ["--cpu-prof", `--cpu-prof-dir=${DIR}/profile`] : [];
  return startApp(
    PORT,
    {
      DATABASE_URL,
      SESSION_SECRET: SECRET,
      UPLOAD_DIR: path.join(DIR, "uploads"),
      ...(processes ? { WEB_CONCURRENCY: String(processes) } : {}),
    },
    { nodeArgs: profile, cwd },
  );
}

/** Resident memory of a process in MB, 0 once it is gone. */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(kb ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The largest resident memory each server process reaches while `work` runs. */
async function peakMemory<T>(pid: number, work: () => Promise<T>) {
  const peak = new Map<number, number>();
  const sample = () => {
    for (const p of processTree(pid)) peak.set(p, Math.max(peak.get(p) ?? 0, rssMb(p)));
  };
  sample();
  const timer = setInterval(sample, 200);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

const memoryLine = (label: string, rss: Map<number, number>, primary: number) =>
  `  ${label}: ${[...rss]
    .map(([p, mb]) => `${p === primary ? "primary" : "server"} ${mb.toFixed(0)} MB`)
    .join(", ")}`;

/** Where the server processes spent their time: self time by function, over every profile. */
function profileSummary(dir: string, top = 12): string[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
      nodes: {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
      }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const [i, id] of profile.samples.entries()) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === "(idle)" || frame.functionName === "(program)") continue;
      const where = frame.url
        ? `${frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${frame.lineNumber + 1}`
        : "";
      const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      self.set(key, (self.get(key) ?? 0) + ms);
      total += ms;
    }
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`);
}

/**
 * 1,000 vendors booked on one session of the 2,000-stall market; the office closes that day; how
 * long until the provider has accepted every SMS, how many it had at once, any twice.
 */
async function closeForThousand(provider: Awaited<ReturnType<typeof startSmsProvider>>) {
  const db = createDb(DATABASE_URL);
  try {
    const zone = await db
      .selectFrom("zones")
      .select(["id", "slug"])
      .where("slug", "=", "bench-2000")
      .executeTakeFirstOrThrow();
    const calendar = (await loadZoneCalendar(db, zone.id))!;
    const today = localMoment(new Date(), "Asia/Shanghai").date;
    const session = upcomingSessions(calendar, addDays(today, 5), addDays(today, 12)).find((s) =>
      s.key.startsWith("t"),
    )!;
    const stalls = await db
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .select("stalls.id")
      .where("layouts.zone_id", "=", zone.id)
      .where("layouts.status", "=", "approved")
      .orderBy("stalls.id")
      .limit(1000)
      .execute();
    const at = new Date().toISOString();
    for (const stall of stalls) {
      const { vendorId } = await createApprovedVendor(db);
      await db
        .insertInto("bookings")
        .values({
          zone_id: zone.id,
          stall_id: stall.id,
          vendor_id: vendorId,
          local_date: session.localDate,
          session_key: session.key,
          starts_at: session.startsAt,
          ends_at: session.endsAt,
          status: "confirmed",
          fee_fen: 0,
          idempotency_key: `bench-closure-${stall.id}`,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    const office = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "office@jishi.example")
      .executeTakeFirstOrThrow();
    const before = provider.received.length;
    const t0 = performance.now();
    const { cancelled } = await addClosure(
      db,
      { zoneId: zone.id, actorUserId: office.id, now: new Date() },
      { startsOn: session.localDate, endsOn: session.localDate, reason: "bench" },
    );
    while (
      new Set(provider.received.slice(before).map((r) => r.reference)).size < cancelled &&
      performance.now() - t0 < 180_000
    )
      await new Promise((r) => setTimeout(r, 50));
    const ms = performance.now() - t0;
    const references = provider.received.slice(before).map((r) => r.reference);
    return {
      vendors: cancelled,
      ms,
      mostInFlight: provider.state.mostInFlight,
      duplicates: references.length - new Set(references).size,
      refused: provider.refusedSignatures.length,
    };
  } finally {
    await db.destroy();
  }
}

const BENCH_SEED = "3c".repeat(32);

/** A ballot of `applications` for `stalls` in rows of 100, some welfare, some for one trade. */
async function bigBallot(applications: number, stalls: number): Promise<BallotInputs> {
  let state = 7;
  const random = () => ((state = (Math.imul(state, 48271) + 11) >>> 0) % 10_000) / 10_000;
  const categories = ["fresh_produce", "snacks", "daily_goods", "crafts", "services"];
  const stallList = Array.from({ length: stalls }, (_, i) => ({
    code: `${String.fromCharCode(65 + Math.floor(i / 100))}-${String((i % 100) + 1).padStart(3, "0")}`,
    row: String.fromCharCode(65 + Math.floor(i / 100)),
    categories: random() < 0.3 ? [categories[Math.floor(random() * 5)]!] : [],
    publicWelfare: random() < 0.05,
  }));
  return {
    version: DRAW_VERSION,
    ballot: "bench",
    commitment: await commitmentOf(BENCH_SEED),
    newcomerShare: 0.2,
    categoryCaps: { snacks: Math.floor(stalls * 0.3) },
    stalls: stallList,
    applications: Array.from({ length: applications }, (_, i) => {
      const newcomer = random() < 0.3;
      return {
        id: `a${String(i).padStart(5, "0")}`,
        group: random() < 0.03 ? "welfare" : random() < 0.1 ? "farmer" : "regular",
        seniority: newcomer ? 0 : Math.floor(random() * 60),
        newcomer,
        category: categories[Math.floor(random() * 5)]!,
        preferences: Array.from({ length: Math.floor(random() * 6) }, () =>
          random() < 0.5
            ? `stall:${stallList[Math.floor(random() * stalls)]!.code}`
            : `row:${stallList[Math.floor(random() * stalls)]!.row}`,
        ),
        anyStall: random() < 0.7,
      } as const;
    }),
  };
}

/** 100 bookings in one session of the big market, and the 200 actions of its morning, synced. */
async function offlineSync(db: ReturnType<typeof createDb>, zoneSlug: string) {
  const stalls = await stallsTaking(db, zoneSlug, "fresh_produce");
  const calendar = (await loadZoneCalendar(db, stalls[0]!.zone_id))!;
  const today = localMoment(new Date(), "Asia/Shanghai").date;
  const session = upcomingSessions(calendar, addDays(today, 3), addDays(today, 10))[0]!;
  const start = Date.parse(session.startsAt);
  const actions: QueuedAction[] = [];
  for (const [i, stall] of stalls.slice(0, 100).entries()) {
    const { vendorId } = await createApprovedVendor(db);
    const made = await bookStall(
      db,
      {
        vendorId,
        stallId: stall.id,
        localDate: session.localDate,
        sessionKey: session.key,
        idempotencyKey: `bench-sync-${i}`,
      },
      new Date(start - 86_400_000),
    );
    if (!made.ok) throw new Error(`bench sync booking: ${JSON.stringify(made)}`);
    const at = (s: number) => new Date(start + i * 6_000 + s * 1000).toISOString();
    actions.push(
      { key: `bench-in-${i}-xxxx`, kind: "checkIn", bookingId: made.booking.id, recordedAt: at(0) },
      {
        key: `bench-fee-${i}-xxxx`,
        kind: "fee",
        bookingId: made.booking.id,
        amountFen: 500,
        expectedFen: null,
        recordedAt: at(3),
      },
    );
  }
  const ctx = {
    zoneId: stalls[0]!.zone_id,
    userId: await officeUserId(db),
    timeZone: "Asia/Shanghai",
  };
  // Synced when the signal returns, an hour after the last was recorded.
  const now = new Date(start + 100 * 6_000 + 3_600_000);
  const t0 = performance.now();
  const first = await syncDayActions(db, ctx, actions, now);
  const ms = performance.now() - t0;
  const t1 = performance.now();
  const again = await syncDayActions(db, ctx, actions, now);
  const againMs = performance.now() - t1;
  return {
    actions: actions.length,
    ms,
    againMs,
    done: first.filter((r) => r.outcome === "done").length,
    already: again.filter((r) => r.outcome === "already").length,
  };
}

async function main() {
  if (!process.argv.includes("--no-build")) execSync("npm run build", { stdio: "inherit" });
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  process.env.UPLOAD_DIR = path.join(DIR, "uploads");
  const db = createDb(DATABASE_URL);
  await migrateToLatest(db);
  await seed(db);
  await seedRegulars(db);
  await seedOperations(db);
  const bigZone = await createBigZone(db);
  // The layout checks on the 2,000 stalls, as a save of that layout would run them.
  const bigLayout = await db
    .selectFrom("layouts")
    .innerJoin("zones", "zones.id", "layouts.zone_id")
    .select("layouts.id")
    .where("zones.slug", "=", bigZone)
    .executeTakeFirstOrThrow();
  const bigDocument = (await loadLayoutDocument(db, bigLayout.id))!;
  const checkTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    runChecks(bigDocument, DEFAULT_LAYOUT_RULES);
    checkTimes.push(performance.now() - t0);
  }
  checkTimes.sort((a, b) => a - b);

  // Search against what residents type (db/demo/search-queries.ts), on the demo's vendors.
  const searchTimes: number[] = [];
  const searchFigures = await searchQuality(async (q) => {
    const t0 = performance.now();
    const found = await searchVendors(db, q);
    searchTimes.push(performance.now() - t0);
    return found.vendors.map((v) => v.display_name);
  });
  searchTimes.sort((a, b) => a - b);

  // A county-sized ballot: 5,000 applications for 2,000 stalls, drawn as the verifier redraws it.
  const ballot = await bigBallot(5000, 2000);
  const drawTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await draw(ballot, BENCH_SEED);
    drawTimes.push(performance.now() - t0);
  }
  drawTimes.sort((a, b) => a - b);

  // A manager's phone back online after a morning without signal: 200 queued actions (a check-in
  // and a fee at each of 100 stalls), synced, then sent again as a lost reply would make it.
  const sync = await offlineSync(db, bigZone);

  // Booking requests that can all succeed: one fresh vendor per free stall-session.
  const cookie = makeSessionCookie([SECRET]);
  const today = localMoment(new Date(), "Asia/Shanghai").date;
  const combos: {
    slug: string;
    stallId: number;
    localDate: string;
    sessionKey: string;
    cookie: string;
  }[] = [];
  for (const slug of [
    "fuxin-community",
    "shuita-community",
    "chengdong-street-morning",
    "jidian-rural-produce",
    "longquan-park-evening",
  ]) {
    const stalls = await stallsTaking(db, slug, "fresh_produce");
    const calendar = await loadZoneCalendar(db, stalls[0]!.zone_id);
    const sessions = upcomingSessions(calendar!, addDays(today, 1), addDays(today, 12));
    const taken = new Set(
      (
        await db
          .selectFrom("bookings")
          .select(["stall_id", "local_date", "session_key"])
          .where("zone_id", "=", stalls[0]!.zone_id)
          .execute()
      ).map((b) => `${b.stall_id}|${b.local_date}|${b.session_key}`),
    );
    for (const session of sessions)
      for (const stall of stalls)
        if (!taken.has(`${stall.id}|${session.localDate}|${session.key}`))
          combos.push({
            slug,
            stallId: stall.id,
            localDate: session.localDate,
            sessionKey: session.key,
            cookie: "",
          });
  }
  combos.splice(BOOKINGS);
  for (const combo of combos) {
    const { userId } = await createApprovedVendor(db);
    const { id } = await createSession(db, { userId, userAgent: "bench", now: new Date() });
    combo.cookie = (await cookie.serialize(id)).split(";")[0]!;
  }
  // Contention: fifty vendors press "book" on one stall at the same moment.
  const contenders: string[] = [];
  for (let i = 0; i < 50; i++) {
    const { userId } = await createApprovedVendor(db);
    contenders.push(
      (
        await cookie.serialize(
          (await createSession(db, { userId, userAgent: "bench", now: new Date() })).id,
        )
      ).split(";")[0]!,
    );
  }
  const contested = (await stallsTaking(db, "longquan-park-evening", "fresh_produce"))[0]!;
  const contestedSession = upcomingSessions(
    (await loadZoneCalendar(db, contested.zone_id))!,
    addDays(today, 2),
    addDays(today, 2),
  )[0]!;
  const viewer = await createApprovedVendor(db);
  const viewerCookie = (
    await cookie.serialize(
      (await createSession(db, { userId: viewer.userId, userAgent: "bench", now: new Date() })).id,
    )
  ).split(";")[0]!;
  await db.destroy();

  const loadBefore = os.loadavg();
  const refusals = new Map<string, number>();
  // The routes with a ratio goal. Any cookie but the language one passes the public page
  // cache by: each request is rendered.
  const homePage = { url: "/", headers: { Cookie: "bench=1" } };
  const marketPage = { url: "/markets/fuxin-community", headers: { Cookie: "bench=1" } };
  const bookingPage = { url: "/book/fuxin-community", headers: { Cookie: viewerCookie } };
  const goalPages = [
    ["home page", homePage],
    ["market page", marketPage],
    ["booking page", bookingPage],
  ] as const;
  /** Warmed first, so that no route is measured while its code is still being optimised. */
  const warmUp = async () => {
    for (const options of [{ url: "/healthz" }, ...goalPages.map(([, page]) => page)])
      await run("", { ...options, duration: 2 });
  };
  // The render floor first, on the same data as the pages below (nothing is booked yet).
  let server = startServer(undefined, prepareRenderFloor(process.cwd(), `${DIR}/render-floor`));
  const floor = new Map<string, Row>();
  try {
    await waitForApp(PORT);
    await warmUp();
    for (const [name, options] of goalPages) floor.set(name, await paired(name, options, 0));
  } finally {
    await stopApp(server);
  }
  server = startServer();
  try {
    await waitForApp(PORT);
    // At rest: started, one request served, a moment to settle.
    await new Promise((r) => setTimeout(r, 2000));
    const atRest = new Map(processTree(server.pid!).map((p) => [p, rssMb(p)]));
    const { result: rows, peak: underLoad } = await peakMemory(server.pid!, async () => {
      await warmUp();
      const trivial = await run("trivial route (/healthz)", { url: "/healthz" });
      const rows: Row[] = [trivial];
      rows.push({ ...(await run("home page (/)", { url: "/" })), goal: undefined });
      rows.push(await paired("home page, rendered every time", homePage, 0.4));
      rows.push(await run("all markets (/markets)", { url: "/markets" }));
      rows.push(
        await run("market page (/markets/fuxin-community)", { url: "/markets/fuxin-community" }),
      );
      rows.push(
        await paired("market page, rendered every time (cache passed by)", marketPage, 0.5),
      );
      rows.push(
        await run("market page, 2,000 stalls, rendered every time", {
          url: `/markets/${bigZone}`,
          headers: { Cookie: "bench=1" },
        }),
      );
      rows.push({
        ...(await alone("market page, 2,000 stalls, rendered, one reader", `/markets/${bigZone}`, {
          Cookie: "bench=1",
        })),
        p50Goal: 40,
      });
      rows.push(await run("open data (/markets.geojson)", { url: "/markets.geojson" }));
      rows.push(
        await run("search (/search?q=西红柿)", {
          url: `/search?q=${encodeURIComponent("西红柿")}`,
        }),
      );
      rows.push(await paired("booking page, signed in (/book/fuxin-community)", bookingPage, 0.5));
      rows.push(
        await run("booking page, 2,000 stalls, signed in", {
          url: `/book/${bigZone}`,
          headers: { Cookie: viewerCookie },
        }),
      );
      rows.push({
        ...(await alone("booking page, 2,000 stalls, signed in, one reader", `/book/${bigZone}`, {
          Cookie: viewerCookie,
        })),
        p50Goal: 40,
      });

      // autocannon cannot give each request its own body from the first request on, so bookings
      // go through a small closed loop of our own, and so does a trivial route to compare with.
      // In rounds like the pages: each round's bookings beside a trivial loop just before them.
      let confirmed = 0;
      const loops: {
        trivial: Awaited<ReturnType<typeof closedLoop>>;
        booking: Awaited<ReturnType<typeof closedLoop>>;
        ratio: number;
      }[] = [];
      const perRound = Math.ceil(combos.length / ROUNDS);
      for (let round = 0; round < ROUNDS; round++) {
        const mine = combos.slice(round * perRound, (round + 1) * perRound);
        const trivial = await closedLoop(Math.round((mine.length * 4) / 3), async () => {
          await (await fetch(`${BASE}/healthz`)).text();
        });
        const booking = await closedLoop(mine.length, async (i) => {
          const c = mine[i]!;
          const response = await postBooking(BASE, c.slug, c.cookie, {
            ...c,
            key: `bench-booking-${round * perRound + i}`,
          });
          const body = await response.text();
          if (response.status === 302) confirmed += 1;
          else {
            const reason =
              /role="alert"[^>]*><p>([^<]+)/.exec(body)?.[1] ?? `HTTP ${response.status}`;
            refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
          }
        });
        loops.push({ trivial, booking, ratio: booking.rps / trivial.rps });
      }
      const { middle, ratios: loopRatios } = medianRound(loops);
      const bookingRow: Row = {
        name: `booking POST, distinct stalls (${confirmed}/${combos.length} confirmed)`,
        ...middle.booking,
        errors: combos.length - confirmed,
        goal: 0.8,
        ratio: middle.ratio,
        rounds: loopRatios,
      };
      for (const row of rows) row.ratio ??= row.rps / trivial.rps;
      rows.push(
        {
          name: "trivial route, same client as the bookings",
          ...middle.trivial,
          errors: 0,
          ratio: 1,
        },
        bookingRow,
      );
      return rows;
    });
    const [trivial] = rows as [Row];
    const row = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!;
    const demoHome = row("home page, rendered");
    const demoMarket = row("market page, rendered");
    const demoAvailability = row("booking page, signed in");

    const processes = processTree(server.pid!).length - 1 || 1;
    console.log(
      `\nJishi benchmark · ${ENGINE} · ${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores, ${processes} server processes · ${CONNECTIONS} connections, ${DURATION} s a route · load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}\n`,
    );
    console.log(
      `A route with a ratio goal alternates with the trivial route in ${ROUNDS} rounds of ${ROUND_SECONDS} s (bookings: a third each); its ratio is the median round's, each round's in brackets.\n`,
    );
    console.log("| route | req/s | p50 ms | p99 ms | errors | ratio to trivial | goal | met |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const r of rows) {
      const goal = r.goal ? `ratio ≥ ${r.goal}` : r.p50Goal ? `p50 ≤ ${r.p50Goal} ms` : "";
      const met = r.goal ? r.ratio! >= r.goal : r.p50Goal ? r.p50 <= r.p50Goal : undefined;
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.alone ? "—" : r.ratio!.toFixed(2)}${r.rounds ? ` (${r.rounds.map((x) => x.toFixed(2)).join(", ")})` : ""} | ${goal} | ${met === undefined ? "" : met ? "yes" : "NO"} |`,
      );
    }
    console.log(
      "\nThe render floor (decision 037): the same server with each loader answering from memory after its first call, so that only rendering the same page from the same data is left. A ratio goal above the floor cannot be met by cheaper data, only by rendering less.\n",
    );
    console.log("| page | ratio, rendered | ratio at the floor | goal |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const [name] of goalPages) {
      const rendered = rows.find((r) => r.name.startsWith(name) && r.goal)!;
      const atFloor = floor.get(name)!;
      console.log(
        `| ${name} | ${rendered.ratio!.toFixed(2)} | ${atFloor.ratio!.toFixed(2)} (${atFloor.rounds!.map((x) => x.toFixed(2)).join(", ")}) | ${rendered.goal} |`,
      );
    }
    console.log(`\nMemory (RSS; goals ≤ 150 MB at rest, ≤ 250 MB under load, per server process):`);
    console.log(memoryLine("at rest", atRest, server.pid!));
    console.log(memoryLine("under the load above, largest", underLoad, server.pid!));
    console.log(
      `  load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    if (PAGES_ONLY) return;
    const contention = await Promise.all(
      contenders.map(async (c, i) => {
        const t0 = performance.now();
        const response = await postBooking(BASE, "longquan-park-evening", c, {
          stallId: contested.id,
          localDate: contestedSession.localDate,
          sessionKey: contestedSession.key,
          key: `bench-contention-${i}`,
        });
        const text = await response.text();
        return {
          status: response.status,
          taken: text.includes("这个摊位刚刚被别人预约了"),
          ms: performance.now() - t0,
        };
      }),
    );
    const latencies = contention.map((c) => c.ms).sort((a, b) => a - b);
    console.log(
      `\nContention: ${contention.length} simultaneous bookings of one stall: ${contention.filter((c) => c.status === 302).length} confirmed, ${contention.filter((c) => c.status === 409 && c.taken).length} refused as just taken, p99 ${Math.round(latencies[Math.floor(0.99 * latencies.length)]!)} ms`,
    );
    if (refusals.size)
      console.log(`\nBooking refusals: ${[...refusals].map(([r, n]) => `${n} × ${r}`).join("; ")}`);
    console.log(
      `\nLayout checks on ${bigDocument.stalls.length.toLocaleString("en")} stalls: median ${Math.round(checkTimes[3]!)} ms, slowest ${Math.round(checkTimes[6]!)} ms of 7 runs (goal ≤ 1,000 ms)`,
    );
    console.log(
      `\nSync of ${sync.actions} queued market-day actions: ${Math.round(sync.ms)} ms, ${sync.done} recorded; sent again: ${Math.round(sync.againMs)} ms, ${sync.already} already recorded, nothing twice (goal: a few seconds, once each)`,
    );
    console.log(
      `\nBallot draw, 5,000 applications for 2,000 stalls: median ${drawTimes[2]!.toFixed(0)} ms, slowest ${drawTimes[4]!.toFixed(0)} ms of 5 (goal < 1,000 ms)`,
    );
    console.log(
      `\nSearch on ${searchFigures.queries} residents' queries: recall ${searchFigures.recall.toFixed(3)} (goal ≥ 0.95), precision ${searchFigures.precision.toFixed(3)} (goal ≥ 0.9); per query p50 ${searchTimes[Math.floor(searchTimes.length / 2)]!.toFixed(1)} ms, p95 ${searchTimes[Math.floor(searchTimes.length * 0.95)]!.toFixed(1)} ms`,
    );
    const smooth = await mapSmoothness(`/markets/${bigZone}`);
    console.log(
      `\nMap of 2,000 stalls in Chromium: drawn ${Math.round(smooth.drawn)} ms after navigation; while dragging and zooming ${smooth.frames} frames, p50 ${smooth.p50.toFixed(1)} ms, p95 ${smooth.p95.toFixed(1)} ms, worst ${Math.round(smooth.worst)} ms (60 fps = 16.7 ms)`,
    );
    // What a phone downloads to run each page (every script, dynamic chunks included), against
    // the budgets of issue 14.
    const [name, value] = viewerCookie.split(";")[0]!.split(/=(.*)/s);
    const weights = [
      ...(await firstLoadJs(BASE, ["/join", "/login", "/", "/markets/fuxin-community"])),
      ...(await firstLoadJs(BASE, ["/book/fuxin-community"], { name: name!, value: value! })),
    ];
    const budgets: Record<string, number> = {
      "/join": 120,
      "/login": 120,
      "/": 170,
      "/markets/fuxin-community": 170,
    };
    console.log("\nFirst-load JavaScript (gzip; the booking page signed in):");
    for (const w of weights) {
      const kb = w.gzipBytes / 1024;
      const budget = budgets[w.path];
      console.log(
        `  ${w.path.padEnd(26)} ${kb.toFixed(1).padStart(6)} KB in ${w.scripts} scripts${budget ? ` (budget ${budget} KB: ${kb <= budget ? "met" : "MISSED"})` : ""}`,
      );
    }

    // What the other cores add: the read routes again on one server process.
    await stopApp(server);
    server = startServer(1);
    await waitForApp(PORT);
    const single = new Map<string, Row>();
    const { peak: singlePeak } = await peakMemory(server.pid!, async () => {
      single.set("trivial", await run("", { url: "/healthz" }));
      single.set("home", await run("", homePage));
      single.set("market", await run("", marketPage));
      single.set("booking", await run("", bookingPage));
    });
    console.log(`\nOne server process against ${processes} (req/s, same routes, same load):\n`);
    console.log("| route | 1 process | all cores | speed-up |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const [key, name, all] of [
      ["trivial", "trivial route", trivial],
      ["home", "home page, rendered every time", demoHome],
      ["market", "market page, rendered every time", demoMarket],
      ["booking", "booking page, signed in", demoAvailability],
    ] as const) {
      const one = single.get(key)!;
      console.log(
        `| ${name} | ${one.rps.toFixed(0)} | ${all.rps.toFixed(0)} | ${(all.rps / one.rps).toFixed(2)}× |`,
      );
    }
    console.log(memoryLine("\none process under that load, largest", singlePeak, server.pid!));

    // A closure that must reach 1,000 booked vendors by SMS, through the local stand-in for
    // Alibaba Cloud answering each send in 100 ms.
    await stopApp(server);
    const provider = await startSmsProvider({ delayMs: 100 });
    server = startApp(PORT, {
      DATABASE_URL,
      SESSION_SECRET: SECRET,
      UPLOAD_DIR: path.join(DIR, "uploads"),
      SMS_PROVIDER: "aliyun",
      SMS_ENDPOINT: `${provider.url}/aliyun`,
      ALIYUN_ACCESS_KEY_ID: LOCAL_KEYS.aliyun.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: LOCAL_KEYS.aliyun.accessKeySecret,
      SMS_TEMPLATE_CODES: SMS_KINDS.map((k, i) => `${k}=SMS_${100 + i}`).join(","),
    });
    await waitForApp(PORT);
    const closure = await closeForThousand(provider);
    await provider.close();
    console.log(
      `\nA closure told to ${closure.vendors.toLocaleString("en")} booked vendors by SMS (local provider answering in 100 ms, ${processes} server processes): all accepted ${(closure.ms / 1000).toFixed(1)} s after the closure was saved (${Math.round(closure.vendors / (closure.ms / 1000))} a second), at most ${closure.mostInFlight} sends at once, ${closure.duplicates} sent twice, signatures refused ${closure.refused}.`,
    );

    // The scale run: the same pages on a generated year of a whole county, against the demo.
    await stopApp(server);
    const scaleDb = createDb(DATABASE_URL);
    const t0 = performance.now();
    const year = await generateCountyYear(scaleDb);
    const counts = await scaleDb
      .selectFrom("bookings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const zoneCount = await scaleDb
      .selectFrom("zones")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const vendorCount = await scaleDb
      .selectFrom("vendors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await scaleDb.destroy();
    const generated = performance.now() - t0;
    server = startServer();
    await waitForApp(PORT);
    const county = year.slugs[0]!;
    const scaleRows: [string, Row, Row][] = [
      [
        "market page, rendered every time",
        demoMarket,
        await run("", { url: `/markets/${county}`, headers: { Cookie: "bench=1" } }),
      ],
      [
        "the demo's market page, rendered every time",
        demoMarket,
        await run("", { url: "/markets/fuxin-community", headers: { Cookie: "bench=1" } }),
      ],
      [
        "availability",
        demoAvailability,
        await run("", { url: `/book/${county}`, headers: { Cookie: viewerCookie } }),
      ],
      [
        "the demo's availability",
        demoAvailability,
        await run("", { url: "/book/fuxin-community", headers: { Cookie: viewerCookie } }),
      ],
      [
        "home page, rendered every time",
        demoHome,
        await run("", { url: "/", headers: { Cookie: "bench=1" } }),
      ],
    ];
    console.log(
      `\nScale run: a generated year of a county: ${year.slugs.length} markets, ${year.vendors.toLocaleString("en")} vendors and ${year.bookings.toLocaleString("en")} bookings added to the bench database (now ${Number(zoneCount.n)} markets, ${Number(vendorCount.n).toLocaleString("en")} vendors, ${Number(counts.n).toLocaleString("en")} bookings; generated in ${(generated / 1000).toFixed(1)} s). Each page against the same page on the demo data above.\n`,
    );
    console.log(
      "| page | demo p50 / p99 ms | county p50 / p99 ms | county req/s | p99 ratio | goal |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const [name, demo, scale] of scaleRows)
      console.log(
        `| ${name} | ${demo.p50} / ${demo.p99} | ${scale.p50} / ${scale.p99} | ${scale.rps.toFixed(0)} | ${(scale.p99 / demo.p99).toFixed(2)} | ${name.startsWith("home") ? "" : "≤ 2"} |`,
      );
  } finally {
    await stopApp(server);
    if (POSTGRES_ADMIN_URL) await dropTestDatabase(POSTGRES_ADMIN_URL, POSTGRES_DATABASE);
    if (PROFILE) {
      console.log(`\nWhere the server's time went (self time, every process, ${DIR}/profile):`);
      for (const line of profileSummary(path.join(DIR, "profile"))) console.log(line);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
