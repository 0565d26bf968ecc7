import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, fold, toICalendar } from "./icalendar";

describe("toICalendar", () => {
  const text = toICalendar({
    name: "王桂兰的集市预约",
    now: new Date("2026-11-28T12:00:00Z"),
    events: [
      {
        uid: "booking-1@jishi",
        start: "2026-11-30T22:00:00.000Z",
        end: "2026-12-01T01:00:00.000Z",
        summary: "福馨社区便民市场 · A-02, 早市",
        location: "壶关县龙泉镇福馨社区南门广场; 南门",
        description: "摊位费 ¥5\n到场请找管理员签到",
      },
    ],
  });

  it("is read by a real iCalendar parser with the right fields", () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const [event] = calendar.getAllSubcomponents("vevent");
    const parsed = new ICAL.Event(event!);
    expect(parsed.uid).toBe("booking-1@jishi");
    expect(parsed.summary).toBe("福馨社区便民市场 · A-02, 早市");
    expect(parsed.location).toBe("壶关县龙泉镇福馨社区南门广场; 南门");
    expect(parsed.description).toBe("摊位费 ¥5\n到场请找管理员签到");
    expect(parsed.startDate.toJSDate().toISOString()).toBe("2026-11-30T22:00:00.000Z");
    expect(parsed.endDate.toJSDate().toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("王桂兰的集市预约");
  });

  it("ends every line with CRLF and keeps lines within 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n"))
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });
});

describe("escapeText and fold", () => {
  it("escape the characters iCalendar gives meaning to", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });
  it("never split a Chinese character across lines", () => {
    const folded = fold(`SUMMARY:${"集".repeat(40)}`);
    expect(folded.split("\r\n ").join("")).toBe(`SUMMARY:${"集".repeat(40)}`);
  });
});
