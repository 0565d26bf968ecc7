import { afterEach, describe, expect, it, vi } from "vitest";

const seen: Date[] = [];
const reminded: Date[] = [];
let deliveries = 0;
vi.mock("~/models/waitlist.server", () => ({
  expireOffers: vi.fn(async (_db: unknown, now: Date) => {
    seen.push(now);
    return 0;
  }),
}));
vi.mock("~/models/reminders.server", () => ({
  queueReminders: vi.fn(async (_db: unknown, now: Date) => {
    reminded.push(now);
    return { dayBefore: 0, papers: 0 };
  }),
}));
vi.mock("./notifier.server", () => ({
  deliverMessages: vi.fn(async () => {
    deliveries += 1;
  }),
}));

const { DELIVERY_INTERVAL_MS, startBackgroundJobs } = await import("./jobs.server");

describe("the background jobs", () => {
  afterEach(() => {
    clearInterval(globalThis.__jishiJobs);
    clearInterval(globalThis.__jishiDelivery);
    globalThis.__jishiJobs = undefined;
    globalThis.__jishiDelivery = undefined;
    vi.useRealTimers();
  });

  it("expire offers and queue reminders at each run's own instant, and send the outbox often", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-01T00:00:00Z"));
    startBackgroundJobs(60_000);
    vi.advanceTimersByTime(3 * 60_000);
    const minutes = [
      "2026-12-01T00:01:00.000Z",
      "2026-12-01T00:02:00.000Z",
      "2026-12-01T00:03:00.000Z",
    ];
    expect(seen.map((d) => d.toISOString())).toEqual(minutes);
    expect(reminded.map((d) => d.toISOString())).toEqual(minutes);
    expect(deliveries).toBe((3 * 60_000) / DELIVERY_INTERVAL_MS);
  });
});
