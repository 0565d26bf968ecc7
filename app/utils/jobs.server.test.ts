import { afterEach, describe, expect, it, vi } from "vitest";

const seen: Date[] = [];
vi.mock("~/models/waitlist.server", () => ({
  expireOffers: vi.fn(async (_db: unknown, now: Date) => {
    seen.push(now);
    return 0;
  }),
}));

const { startBackgroundJobs } = await import("./jobs.server");

describe("the background jobs", () => {
  afterEach(() => {
    clearInterval(globalThis.__jishiJobs);
    globalThis.__jishiJobs = undefined;
    vi.useRealTimers();
  });

  it("expire offers at each run's own instant, not the instant the server started", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-01T00:00:00Z"));
    startBackgroundJobs(60_000);
    vi.advanceTimersByTime(3 * 60_000);
    expect(seen.map((d) => d.toISOString())).toEqual([
      "2026-12-01T00:01:00.000Z",
      "2026-12-01T00:02:00.000Z",
      "2026-12-01T00:03:00.000Z",
    ]);
  });
});
