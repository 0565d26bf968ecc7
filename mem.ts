import fs from "node:fs";
import autocannon from "autocannon";
import { createDb } from "./db/connect";
import { createApprovedVendor } from "./db/testing/factories";
import { createSession } from "./app/models/session.server";
import { makeSessionCookie } from "./app/utils/session-cookie.server";
import { startApp, stopApp, waitForApp } from "./e2e/app-server";
const db = createDb("file:data/bench/jishi.db");
const { userId } = await createApprovedVendor(db);
const { id } = await createSession(db, { userId, userAgent: "x", now: new Date() });
const cookie = (await makeSessionCookie(["bench-session-secret-not-for-production"]).serialize(id)).split(";")[0]!;
await db.destroy();
const args = process.argv.slice(2);
const s = startApp(3203, { DATABASE_URL: "file:data/bench/jishi.db", SESSION_SECRET: "bench-session-secret-not-for-production", WEB_CONCURRENCY: "1", UPLOAD_DIR: "data/bench/uploads" }, { nodeArgs: args.filter(a => a.startsWith("--")) });
await waitForApp(3203);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${s.pid}/status`, "utf8"))![1]) / 1024;
for (const path of ["/markets/fuxin-community", "/book/fuxin-community", "/", "/markets/bench-2000", "/book/bench-2000"]) {
  let peak = 0; const timer = setInterval(() => (peak = Math.max(peak, rss())), 100);
  const r = await autocannon({ url: `http://127.0.0.1:3203${path}`, connections: 20, duration: 5, headers: { Cookie: cookie } });
  clearInterval(timer);
  console.log(path, Math.round(r.requests.average), "req/s", "peak RSS", peak.toFixed(0), "MB");
}
await stopApp(s);
