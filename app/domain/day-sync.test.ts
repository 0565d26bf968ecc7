import { describe, expect, it } from "vitest";
import { actionMoment } from "./day-sync";

describe("the moment an offline action is judged at", () => {
  const now = new Date("2030-12-03T01:00:00Z");
  it("is when the phone recorded it, within a day and a little clock drift", () => {
    expect(actionMoment("2030-12-02T23:10:00.000Z", now)).toEqual(new Date("2030-12-02T23:10:00Z"));
    expect(actionMoment("2030-12-02T01:00:00.000Z", now)).toEqual(new Date("2030-12-02T01:00:00Z"));
    // A phone a few minutes fast is believed, at the server's time.
    expect(actionMoment("2030-12-03T01:04:00.000Z", now)).toEqual(now);
  });
  it("is nothing for a time in the future, older than a day, or not a time", () => {
    expect(actionMoment("2030-12-03T01:06:00.000Z", now)).toBeNull();
    expect(actionMoment("2030-12-02T00:59:59.000Z", now)).toBeNull();
    expect(actionMoment("yesterday", now)).toBeNull();
    expect(actionMoment("", now)).toBeNull();
  });
});
