import { describe, expect, it } from "vitest";
import { testContext } from "#db/testing/requests";
import { createBigZone } from "#db/testing/big-zone";
import { db } from "~/utils/db.server";
import { loader } from "./_index";

async function home(search = "") {
  return loader({
    request: new Request(`http://localhost/${search}`),
    params: {},
    context: testContext,
  });
}

describe("the home page's list", () => {
  it("lists the whole week while it is short", async () => {
    const page = await home();
    expect(page.laterDays).toEqual([]);
    expect(page.days.length).toBeGreaterThanOrEqual(6);
  });

  it("ends after the day that passes 80 sessions in a county of many markets, and links the rest", async () => {
    // Twelve more markets, every morning: about 19 sessions a day in all.
    for (let i = 0; i < 12; i++)
      await createBigZone(db, { slug: `many-${i}`, rows: 2, perRow: 5, east: 8000 + i * 100 });
    const page = await home();
    const listed = page.days.map((d) => d.sessions.length);
    const total = listed.reduce((a, b) => a + b, 0);
    expect(total - listed.at(-1)!).toBeLessThan(80);
    expect(total).toBeGreaterThanOrEqual(80);
    expect(page.laterDays.length).toBeGreaterThan(0);
    expect(page.laterDays[0]!.date > page.days.at(-1)!.date).toBe(true);
    expect(page.laterDays.every((d) => d.count > 0)).toBe(true);
    // A later day, chosen, is listed whole.
    const later = await home(`?day=${page.laterDays[0]!.date}`);
    expect(later.days.map((d) => d.date)).toEqual([page.laterDays[0]!.date]);
    expect(later.days[0]!.sessions).toHaveLength(page.laterDays[0]!.count);
    expect(later.laterDays).toEqual([]);
  });
});
