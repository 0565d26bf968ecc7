import { describe, expect, it } from "vitest";
import {
  dayState,
  localMoment,
  sessionsOnWeekday,
  zoneToday,
  type SessionHours,
} from "./market-hours";

const morning: SessionHours = {
  kind: "morning",
  weekdays: "1234567",
  start_time: "06:00",
  end_time: "09:00",
};
const weekendEvening: SessionHours = {
  kind: "evening",
  weekdays: "67",
  start_time: "17:30",
  end_time: "20:30",
};

describe("localMoment", () => {
  it("gives Beijing's date and weekday, not the server's", () => {
    // 2026-11-28 23:30 UTC is Sunday 29 November 07:30 in Shanghai.
    const moment = localMoment(new Date("2026-11-28T23:30:00Z"), "Asia/Shanghai");
    expect(moment).toEqual({ date: "2026-11-29", weekday: 7, minutes: 7 * 60 + 30 });
  });

  it("follows daylight saving where a zone has it", () => {
    // Berlin is UTC+1 in winter and UTC+2 in summer.
    expect(localMoment(new Date("2026-01-15T12:00:00Z"), "Europe/Berlin").minutes).toBe(13 * 60);
    expect(localMoment(new Date("2026-07-15T12:00:00Z"), "Europe/Berlin").minutes).toBe(14 * 60);
  });

  it("writes midnight as 0 minutes", () => {
    expect(localMoment(new Date("2026-11-28T16:00:00Z"), "Asia/Shanghai").minutes).toBe(0);
  });

  it("answers the same within a minute, a new minute anew, and each caller gets its own copy", () => {
    const first = localMoment(new Date("2026-11-28T23:59:01Z"), "Asia/Shanghai");
    first.minutes = -1;
    expect(localMoment(new Date("2026-11-28T23:59:59Z"), "Asia/Shanghai").minutes).toBe(
      7 * 60 + 59,
    );
    expect(localMoment(new Date("2026-11-29T00:00:00Z"), "Asia/Shanghai").minutes).toBe(8 * 60);
    expect(localMoment(new Date("2026-11-28T23:59:30Z"), "Europe/Berlin").minutes).toBe(59);
  });
});

describe("sessionsOnWeekday", () => {
  it("keeps only the sessions held that day, earliest first", () => {
    expect(sessionsOnWeekday([weekendEvening, morning], 6)).toEqual([morning, weekendEvening]);
    expect(sessionsOnWeekday([weekendEvening, morning], 2)).toEqual([morning]);
    expect(sessionsOnWeekday([weekendEvening], 3)).toEqual([]);
  });
});

describe("dayState", () => {
  const today = [morning, weekendEvening];
  it.each([
    [5 * 60 + 59, "later"],
    [6 * 60, "open"],
    [8 * 60 + 59, "open"],
    [9 * 60, "later"],
    [18 * 60, "open"],
    [20 * 60 + 30, "ended"],
  ] as const)("at minute %i is %s", (minutes, state) => {
    expect(dayState(today, minutes)).toBe(state);
  });

  it("is none when nothing is held", () => {
    expect(dayState([], 600)).toBe("none");
  });
});

describe("zoneToday", () => {
  it("sorts open markets before later ones, and later ones by their start", () => {
    const now = new Date("2026-11-28T00:30:00Z"); // Saturday 08:30 in Shanghai
    const open = zoneToday([morning], "Asia/Shanghai", now);
    const later = zoneToday([weekendEvening], "Asia/Shanghai", now);
    const none = zoneToday([{ ...morning, weekdays: "1" }], "Asia/Shanghai", now);
    expect(open.state).toBe("open");
    expect(later.state).toBe("later");
    expect(none.state).toBe("none");
    expect(open.sortKey).toBeLessThan(later.sortKey);
    expect(later.sortKey).toBeLessThan(none.sortKey);
    expect(open.date).toBe("2026-11-28");
  });
});
