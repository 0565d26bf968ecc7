// Work the server does on its own: once a minute, waiting-list offers that have run out move on,
// the day's reminders and paper notices are queued and closed ballots are drawn;
// every two seconds, messages due in the outbox are sent (app/utils/notifier.server.ts).
// Every instance runs the timer, but each offer is claimed in the database before it is moved
// (FOR UPDATE SKIP LOCKED on PostgreSQL, the single write lock on SQLite): with several
// instances on one PostgreSQL, an offer moves on once, whichever instance gets to it.
import { drawClosedBallots } from "~/models/ballot.server";
import { queueReminders } from "~/models/reminders.server";
import { expireOffers } from "~/models/waitlist.server";
import { db } from "./db.server";
import { deliverMessages } from "./notifier.server";

declare global {
  var __jishiJobs: NodeJS.Timeout | undefined;
  var __jishiDelivery: NodeJS.Timeout | undefined;
}

export const DELIVERY_INTERVAL_MS = 2_000;

export function startBackgroundJobs(intervalMs = 60_000) {
  if (globalThis.__jishiJobs) return;
  globalThis.__jishiJobs = setInterval(() => {
    // Each run asks at its own instant: offers expire as the clock passes their end.
    expireOffers(db, new Date()).catch((error: unknown) =>
      console.error("waitlist offers:", error),
    );
    // Reminders and paper notices are keyed in the outbox: asking every minute queues each once.
    queueReminders(db, new Date()).catch((error: unknown) => console.error("reminders:", error));
    // Ballots whose window has closed are frozen and drawn; each only once, whoever gets to it.
    drawClosedBallots(db, new Date()).catch((error: unknown) => console.error("ballots:", error));
  }, intervalMs);
  // The timer never keeps the process alive on its own.
  globalThis.__jishiJobs.unref();
  globalThis.__jishiDelivery = setInterval(() => void deliverMessages(db), DELIVERY_INTERVAL_MS);
  globalThis.__jishiDelivery.unref();
}
