import { describe, expect, it } from "vitest";
import { ballotPlanProblems, type BallotPlan } from "./ballot-plan";

const NOW = new Date("2027-01-10T02:00:00Z");
const PLAN: BallotPlan = {
  firstDate: "2027-02-05",
  lastDate: "2027-02-12",
  opensAt: NOW,
  closesAt: new Date("2027-01-25T16:00:00Z"),
  firstSessionStartsAt: "2027-02-04T22:30:00.000Z",
  stalls: 40,
};

describe("a ballot's plan", () => {
  it("can be opened when its days, window and stalls make sense", () => {
    expect(ballotPlanProblems(PLAN, NOW)).toEqual({});
    // A form kept open five minutes still opens now.
    expect(
      ballotPlanProblems({ ...PLAN, opensAt: new Date(NOW.getTime() - 300_000) }, NOW),
    ).toEqual({});
  });

  it("names each problem under its field", () => {
    expect(ballotPlanProblems({ ...PLAN, lastDate: "2027-02-04" }, NOW)).toEqual({
      lastDate: "dates",
    });
    expect(ballotPlanProblems({ ...PLAN, lastDate: "2027-05-08" }, NOW)).toEqual({
      lastDate: "tooLong",
    });
    expect(ballotPlanProblems({ ...PLAN, lastDate: "2027-05-07" }, NOW)).toEqual({});
    expect(ballotPlanProblems({ ...PLAN, opensAt: new Date("2027-01-09T00:00:00Z") }, NOW)).toEqual(
      { opens: "opensPast" },
    );
    expect(ballotPlanProblems({ ...PLAN, closesAt: NOW }, NOW)).toEqual({ closes: "window" });
    // Applications must close before the first session starts.
    expect(
      ballotPlanProblems({ ...PLAN, closesAt: new Date("2027-02-04T22:30:00Z") }, NOW),
    ).toEqual({ closes: "closesLate" });
    expect(ballotPlanProblems({ ...PLAN, firstSessionStartsAt: null }, NOW)).toEqual({
      firstDate: "noSessions",
    });
    expect(ballotPlanProblems({ ...PLAN, stalls: 0 }, NOW)).toEqual({ rows: "noStalls" });
  });
});
