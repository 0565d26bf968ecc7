import { describe, expect, it } from "vitest";
import { parseFilters, sessionState, timeOfDay } from "./whats-on";

const read = (query: string) =>
  parseFilters(new URLSearchParams(query), {
    today: "2026-11-28",
    categories: ["fresh_produce", "crafts"],
  });

describe("the home page's filters", () => {
  it("reads the filters a resident can choose", () => {
    expect(read("day=2026-12-04&time=evening&category=crafts&kind=park")).toEqual({
      filters: { day: "2026-12-04", time: "evening", category: "crafts", kind: "park" },
      ignored: [],
    });
    expect(read("")).toEqual({ filters: {}, ignored: [] });
  });

  it("drops what makes no sense, and names it", () => {
    expect(read("day=2026-02-30&time=noon&category=<script>&kind=park").ignored).toEqual([
      "day",
      "time",
      "category",
    ]);
    // Outside the seven days shown: yesterday and a week today.
    expect(read("day=2026-11-27").ignored).toEqual(["day"]);
    expect(read("day=2026-12-05").ignored).toEqual(["day"]);
    expect(read("day=2026-12-04").ignored).toEqual([]);
  });
});

describe("a session's place in the day", () => {
  it("is morning before noon and evening after", () => {
    expect(timeOfDay({ startTime: "05:30" })).toBe("morning");
    expect(timeOfDay({ startTime: "11:59" })).toBe("morning");
    expect(timeOfDay({ startTime: "17:30" })).toBe("evening");
  });

  it("is open, later today, over, or on a coming day", () => {
    const session = {
      localDate: "2026-11-28",
      startsAt: "2026-11-28T09:30:00.000Z", // 17:30 in Huguan
      endsAt: "2026-11-28T12:30:00.000Z",
    };
    expect(sessionState(session, "2026-11-28", new Date("2026-11-28T09:00:00Z"))).toBe("later");
    expect(sessionState(session, "2026-11-28", new Date("2026-11-28T09:30:00Z"))).toBe("open");
    expect(sessionState(session, "2026-11-28", new Date("2026-11-28T12:30:00Z"))).toBe("ended");
    expect(sessionState(session, "2026-11-27", new Date("2026-11-27T12:00:00Z"))).toBe("coming");
  });
});
