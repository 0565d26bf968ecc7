import { describe, expect, it } from "vitest";
import {
  integrityMark,
  mayAnnul,
  mayAppeal,
  mayDecide,
  previousQuarter,
  quarterDates,
  quarterOf,
  scoreQuarter,
  type EventLike,
} from "./integrity";

let nextId = 0;
const event = (over: Partial<EventLike> = {}): EventLike => ({
  id: ++nextId,
  local_date: "2030-04-10",
  points: 2,
  minor: 1,
  annulled_at: null,
  appeal_state: null,
  ...over,
});

describe("quarters", () => {
  it("name a market day's quarter, its first and last day, and the one before", () => {
    expect(quarterOf("2030-01-01")).toBe("2030-Q1");
    expect(quarterOf("2030-03-31")).toBe("2030-Q1");
    expect(quarterOf("2030-04-01")).toBe("2030-Q2");
    expect(quarterOf("2030-12-31")).toBe("2030-Q4");
    expect(quarterDates("2030-Q1")).toEqual({ first: "2030-01-01", last: "2030-03-31" });
    expect(quarterDates("2028-Q1")).toEqual({ first: "2028-01-01", last: "2028-03-31" });
    expect(quarterDates("2030-Q3")).toEqual({ first: "2030-07-01", last: "2030-09-30" });
    expect(quarterDates("2030-Q4")).toEqual({ first: "2030-10-01", last: "2030-12-31" });
    expect(previousQuarter("2030-Q1")).toBe("2029-Q4");
    expect(previousQuarter("2030-Q3")).toBe("2030-Q2");
  });
});

describe("a quarter's score", () => {
  it("starts at 12 and loses nothing without events", () => {
    expect(scoreQuarter([])).toMatchObject({ remaining: 12, deducted: 0, warnings: 0 });
  });

  it("makes the first minor event a warning and deducts the rest, in the order they happened", () => {
    const later = event({ local_date: "2030-05-01", points: 2 });
    const first = event({ local_date: "2030-04-02", points: 1 });
    const serious = event({ local_date: "2030-04-01", points: 3, minor: 0 });
    const score = scoreQuarter([later, first, serious]);
    expect(score.effects.get(serious.id)).toEqual({ effect: "deducted", points: 3 });
    expect(score.effects.get(first.id)).toEqual({ effect: "warning", points: 0 });
    expect(score.effects.get(later.id)).toEqual({ effect: "deducted", points: 2 });
    expect(score).toMatchObject({ remaining: 7, deducted: 5, warnings: 1 });
  });

  it("stops counting an annulled event or an upheld appeal, and passes the warning on", () => {
    const first = event({ local_date: "2030-04-02", annulled_at: "2030-04-03T00:00:00Z" });
    const second = event({ local_date: "2030-04-09", points: 2 });
    const third = event({ local_date: "2030-04-16", points: 2, appeal_state: "upheld" });
    const fourth = event({ local_date: "2030-04-23", points: 2, appeal_state: "pending" });
    const score = scoreQuarter([first, second, third, fourth]);
    expect(score.effects.get(first.id)!.effect).toBe("annulled");
    expect(score.effects.get(second.id)!.effect).toBe("warning");
    expect(score.effects.get(third.id)!.effect).toBe("restored");
    // An appeal still waiting counts until the office decides.
    expect(score.effects.get(fourth.id)).toEqual({ effect: "deducted", points: 2 });
    expect(score.remaining).toBe(10);
  });

  it("never goes below nothing", () => {
    const events = Array.from({ length: 5 }, (_, n) =>
      event({ local_date: `2030-04-1${n}`, points: 4, minor: 0 }),
    );
    expect(scoreQuarter(events)).toMatchObject({ remaining: 0, deducted: 20 });
  });
});

describe("what can be done with an event", () => {
  it("appeals once while it stands; annuls while it stands; decides a waiting appeal", () => {
    const standing = event();
    expect([mayAppeal(standing), mayAnnul(standing), mayDecide(standing)]).toEqual([
      true,
      true,
      false,
    ]);
    const pending = event({ appeal_state: "pending" });
    expect([mayAppeal(pending), mayAnnul(pending), mayDecide(pending)]).toEqual([
      false,
      true,
      true,
    ]);
    const rejected = event({ appeal_state: "rejected" });
    expect([mayAppeal(rejected), mayAnnul(rejected), mayDecide(rejected)]).toEqual([
      false,
      true,
      false,
    ]);
    const upheld = event({ appeal_state: "upheld" });
    expect([mayAppeal(upheld), mayAnnul(upheld), mayDecide(upheld)]).toEqual([false, false, false]);
    const annulled = event({ annulled_at: "2030-04-11T00:00:00Z", appeal_state: "pending" });
    expect([mayAppeal(annulled), mayAnnul(annulled), mayDecide(annulled)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("the 诚信摊主 mark", () => {
  const today = "2030-07-15"; // the last finished quarter is 2030-Q2
  it("goes to a vendor who traded last quarter and lost no point", () => {
    expect(integrityMark(today, new Set(["2030-Q2"]), new Map())).toBe("2030-Q2");
    // A warning is not a deduction.
    const warned = new Map([["2030-Q2", [event()]]]);
    expect(integrityMark(today, new Set(["2030-Q2"]), warned)).toBe("2030-Q2");
  });

  it("not to one who lost points, nor to one who did not trade", () => {
    const twice = new Map([["2030-Q2", [event(), event({ local_date: "2030-05-01" })]]]);
    expect(integrityMark(today, new Set(["2030-Q2"]), twice)).toBeNull();
    expect(integrityMark(today, new Set(["2030-Q1"]), new Map())).toBeNull();
  });
});
