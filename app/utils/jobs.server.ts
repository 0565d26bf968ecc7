// Work the server does on its own, once a minute: waiting-list offers that have run out move on.
// With SQLite there is one server process, so one timer; each offer is claimed by the update
// that expires it, so a second runner would do no harm (issue 9 moves this to FOR UPDATE SKIP
// LOCKED on PostgreSQL).
import { expireOffers } from "~/models/waitlist.server";
import { db } from "./db.server";

declare global {
  var __jishiJobs: NodeJS.Timeout | undefined;
}

export function startBackgroundJobs(intervalMs = 60_000) {
  if (globalThis.__jishiJobs) return;
  globalThis.__jishiJobs = setInterval(() => {
    expireOffers(db).catch((error: unknown) => console.error("waitlist offers:", error));
  }, intervalMs);
  // The timer never keeps the process alive on its own.
  globalThis.__jishiJobs.unref();
}
