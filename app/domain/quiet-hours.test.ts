import { describe, expect, it } from "vitest";
import { quietHoursEnd } from "./quiet-hours";

describe("quiet hours, 21:00–07:00 in the market's time zone", () => {
  it("lets a message go in the day, holds it to 7:00 at night", () => {
    // 2026-11-29 10:00 in Huguan (UTC+8) is 02:00 UTC.
    const day = new Date("2026-11-29T02:00:00Z");
    expect(quietHoursEnd(day, "Asia/Shanghai")).toBe(day);
    // 21:30 in Huguan: held to 7:00 the next morning (23:00 UTC).
    expect(quietHoursEnd(new Date("2026-11-29T13:30:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-11-29T23:00:00.000Z",
    );
    // 05:59 in Huguan: held to 7:00 the same morning.
    expect(quietHoursEnd(new Date("2026-11-28T21:59:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-11-28T23:00:00.000Z",
    );
    // 20:59 is not yet quiet; 07:00 is no longer.
    const before = new Date("2026-11-29T12:59:00Z");
    expect(quietHoursEnd(before, "Asia/Shanghai")).toBe(before);
    const seven = new Date("2026-11-29T23:00:00Z");
    expect(quietHoursEnd(seven, "Asia/Shanghai")).toBe(seven);
  });

  it("reads the night in the market's zone, not the server's", () => {
    // 22:00 UTC is 23:00 in Berlin (quiet) and 06:00 in Huguan (quiet), but 14:00 in Los Angeles.
    const at = new Date("2026-11-29T22:00:00Z");
    expect(quietHoursEnd(at, "Europe/Berlin").toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(quietHoursEnd(at, "America/Los_Angeles")).toBe(at);
  });
});
