// `npx tsx e2e/profile-page.ts <path> [requests]`: one server process on the bench database
// (run `npm run bench` first), a CPU profile while a signed-in vendor opens <path> again and
// again, and where the time went, by function, self and total. For finding what a page costs.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../db/connect";
import { createApprovedVendor } from "../db/testing/factories";
import { createSession } from "../app/models/session.server";
import { makeSessionCookie } from "../app/utils/session-cookie.server";
import { startApp, stopApp, waitForApp } from "./app-server";

const [pathname = "/book/bench-2000", count = "30"] = process.argv.slice(2);
const DIR = path.resolve("data/bench");
const SECRET = "bench-session-secret-not-for-production";
const PORT = 3201;
const PROFILE_DIR = path.join(DIR, "page-profile");

const db = createDb(`file:${DIR}/jishi.db`);
const { userId } = await createApprovedVendor(db);
const { id } = await createSession(db, { userId, userAgent: "profile", now: new Date() });
const cookie = (await makeSessionCookie([SECRET]).serialize(id)).split(";")[0]!;
await db.destroy();

fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
const server = startApp(
  PORT,
  {
    DATABASE_URL: `file:${DIR}/jishi.db`,
    SESSION_SECRET: SECRET,
    UPLOAD_DIR: path.join(DIR, "uploads"),
    WEB_CONCURRENCY: "1",
  },
  { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] },
);
await waitForApp(PORT);
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < Number(count); i++) {
  const t0 = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}${pathname}`, {
    headers: { Cookie: cookie },
  });
  bytes = (await response.arrayBuffer()).byteLength;
  times.push(performance.now() - t0);
}
await stopApp(server);
times.sort((a, b) => a - b);
console.log(
  `${pathname}: ${count} requests one after another, p50 ${times[times.length >> 1]!.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB a page`,
);

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
const file = fs.readdirSync(PROFILE_DIR).find((f) => f.endsWith(".cpuprofile"))!;
const profile = JSON.parse(fs.readFileSync(path.join(PROFILE_DIR, file), "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: Node) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url
    .replace(/^.*node_modules\//, "")
    .replace(/^file:\/\/.*\/build\//, "build/")
    .replace(/\?.*$/, "")}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
for (const [i, id] of profile.samples.entries()) {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id)!;
  if (node.callFrame.functionName === "(idle)") continue;
  all += ms;
  self.set(name(node), (self.get(name(node)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = name(byId.get(at)!);
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + ms);
  }
}
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${key}`);
};
show("self time", self);
show("total time (with what it calls)", total);
