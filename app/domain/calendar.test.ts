import { describe, expect, it } from "vitest";
import {
  addDays,
  closureOn,
  findSession,
  isoWeekday,
  isValidDate,
  localToUtc,
  sessionsBetween,
  weekStart,
} from "./calendar";

const morning = {
  id: 1,
  kind: "morning" as const,
  weekdays: "1234567",
  start_time: "06:00",
  end_time: "09:00",
};
const weekendEvening = {
  id: 2,
  kind: "evening" as const,
  weekdays: "67",
  start_time: "17:30",
  end_time: "20:30",
};
const night = {
  id: 3,
  kind: "night" as const,
  weekdays: "5",
  start_time: "19:00",
  end_time: "00:30",
};

describe("dates", () => {
  it("add days across month, year and leap-day ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
  });

  it("know weekdays and week starts", () => {
    expect(isoWeekday("2026-11-30")).toBe(1);
    expect(isoWeekday("2026-11-29")).toBe(7);
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
  });

  it.each([
    ["2026-02-29", false],
    ["2028-02-29", true],
    ["2026-13-01", false],
    ["2026-1-1", false],
    ["2026-11-28", true],
  ])("%s is a valid date: %s", (date, valid) => {
    expect(isValidDate(date)).toBe(valid);
  });
});

describe("localToUtc", () => {
  it("puts Beijing eight hours ahead of UTC", () => {
    expect(localToUtc("2026-11-28", "06:00", "Asia/Shanghai").toISOString()).toBe(
      "2026-11-27T22:00:00.000Z",
    );
  });

  it("follows Berlin's clocks through the daylight-saving change days", () => {
    // 29 March 2026: 02:00 jumps to 03:00.
    expect(localToUtc("2026-03-29", "01:30", "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T00:30:00.000Z",
    );
    expect(localToUtc("2026-03-29", "03:30", "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    // A time in the skipped hour moves forward by the gap.
    expect(localToUtc("2026-03-29", "02:30", "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    // 25 October 2026: 03:00 goes back to 02:00.
    expect(localToUtc("2026-10-25", "06:00", "Europe/Berlin").toISOString()).toBe(
      "2026-10-25T05:00:00.000Z",
    );
    expect(localToUtc("2026-10-24", "06:00", "Europe/Berlin").toISOString()).toBe(
      "2026-10-24T04:00:00.000Z",
    );
  });
});

describe("sessionsBetween", () => {
  const base = {
    templates: [morning, weekendEvening],
    closures: [],
    events: [],
    timeZone: "Asia/Shanghai",
  };

  it("lists the template sessions of each day in order", () => {
    const sessions = sessionsBetween({ ...base, from: "2026-11-27", to: "2026-11-28" });
    expect(sessions.map((s) => `${s.localDate} ${s.key}`)).toEqual([
      "2026-11-27 t1",
      "2026-11-28 t1",
      "2026-11-28 t2",
    ]);
    expect(sessions[2]).toMatchObject({
      startsAt: "2026-11-28T09:30:00.000Z",
      endsAt: "2026-11-28T12:30:00.000Z",
    });
  });

  it("leaves out closed days and adds one-off events, even on a closed day", () => {
    const sessions = sessionsBetween({
      ...base,
      closures: [{ starts_on: "2026-12-31", ends_on: "2027-01-01", reason: "元旦" }],
      events: [
        {
          id: 9,
          local_date: "2027-01-01",
          start_time: "09:00",
          end_time: "12:00",
          title_zh: "新春招聘会",
          title_en: "New Year job fair",
        },
      ],
      from: "2026-12-30",
      to: "2027-01-02",
    });
    expect(sessions.map((s) => `${s.localDate} ${s.key}`)).toEqual([
      "2026-12-30 t1",
      "2027-01-01 e9",
      "2027-01-02 t1",
      "2027-01-02 t2",
    ]);
    expect(sessions[1]!.title).toEqual({ zh: "新春招聘会", en: "New Year job fair" });
  });

  it("ends a night market that runs past midnight on the next day", () => {
    const [s] = sessionsBetween({
      ...base,
      templates: [night],
      from: "2026-11-27",
      to: "2026-11-27",
    });
    expect(s).toMatchObject({
      startsAt: "2026-11-27T11:00:00.000Z",
      endsAt: "2026-11-27T16:30:00.000Z",
    });
  });

  it("gives a Berlin morning market the right instants on both sides of the change", () => {
    const sessions = sessionsBetween({
      ...base,
      templates: [morning],
      timeZone: "Europe/Berlin",
      from: "2026-03-28",
      to: "2026-03-29",
    });
    expect(sessions.map((s) => s.startsAt)).toEqual([
      "2026-03-28T05:00:00.000Z",
      "2026-03-29T04:00:00.000Z",
    ]);
  });
});

describe("findSession and closureOn", () => {
  it("find a held session and nothing for a bad date or key", () => {
    const input = { templates: [morning], closures: [], events: [], timeZone: "Asia/Shanghai" };
    expect(findSession(input, "2026-11-28", "t1")?.startTime).toBe("06:00");
    expect(findSession(input, "2026-11-28", "t2")).toBeUndefined();
    expect(findSession(input, "2026-02-30", "t1")).toBeUndefined();
  });

  it("finds the closure covering a date, inclusive at both ends", () => {
    const closures = [{ starts_on: "2026-12-01", ends_on: "2026-12-03", reason: "道路施工" }];
    expect(closureOn(closures, "2026-12-01")?.reason).toBe("道路施工");
    expect(closureOn(closures, "2026-12-03")).toBeDefined();
    expect(closureOn(closures, "2026-12-04")).toBeUndefined();
  });
});
