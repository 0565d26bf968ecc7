import { describe, expect, it } from "vitest";
import { seedRegulars } from "#db/seed";
import { db } from "~/utils/db.server";
import { officeUserId } from "#db/testing/factories";
import { applyFilters, loadWhatsOn } from "./whats-on.server";
import { addClosure } from "./zone-schedule.server";

// Saturday 28 November 2026, 18:30 in Huguan: the evening markets are open.
const now = new Date("2026-11-28T10:30:00Z");

describe("what's on", () => {
  it("holds the coming week of every market, with today's states in each zone's time", async () => {
    await seedRegulars(db, now);
    const { zones, sessions } = await loadWhatsOn(db, now);
    expect(zones).toHaveLength(7);
    const state = Object.fromEntries(zones.map((z) => [z.slug, z.state]));
    expect(state).toMatchObject({
      "fuxin-community": "open", // evening 17:30–20:30 on Fridays to Sundays
      "longquan-park-evening": "open",
      "taihang-street-night": "later", // 19:00
      "chengdong-street-morning": "ended",
      "jidian-rural-produce": "none", // Tuesdays, Fridays and Sundays
    });
    const dates = [...new Set(sessions.map((s) => s.localDate))].sort();
    expect(dates[0]).toBe("2026-11-28");
    expect(dates.at(-1)).toBe("2026-12-04");

    const fuxin = zones.find((z) => z.slug === "fuxin-community")!;
    const tonight = sessions.find(
      (s) => s.zoneId === fuxin.id && s.localDate === "2026-11-28" && s.state === "open",
    )!;
    // Of Fuxin's seven regulars the four with odd numbers come in the evening, one of them
    // (13) has Saturdays off: three tonight, each in a category of their own kind.
    expect(tonight.vendors).toBe(3);
    expect(new Set(tonight.categories)).toEqual(
      new Set(["cooked_food", "repairs_services", "cultural_creative"]),
    );
    expect(fuxin.next?.key).toBe(tonight.key);
  });

  it("filters by day, time of day, category and kind of market", async () => {
    const { zones, sessions } = await loadWhatsOn(db, now);
    const byId = new Map(zones.map((z) => [z.id, z]));
    const slug = (id: number) => byId.get(id)!.slug;
    const tonight = applyFilters(sessions, byId, { day: "2026-11-28", time: "evening" });
    expect(new Set(tonight.map((s) => slug(s.zoneId)))).toEqual(
      new Set([
        "fuxin-community",
        "shuita-community",
        "longquan-park-evening",
        "taihang-street-night",
      ]),
    );
    const games = applyFilters(sessions, byId, { category: "games_rides" });
    expect(new Set(games.map((s) => slug(s.zoneId)))).toEqual(new Set(["longquan-park-evening"]));
    const rural = applyFilters(sessions, byId, { kind: "rural" });
    expect(rural.map((s) => s.localDate)).toEqual(["2026-11-29", "2026-12-01", "2026-12-04"]);
  });

  it("works a market's week out again after a change to its calendar and on the next day", async () => {
    const first = await loadWhatsOn(db, now);
    const rural = first.zones.find((z) => z.slug === "jidian-rural-produce")!;
    const datesOf = (w: typeof first) =>
      w.sessions.filter((s) => s.zoneId === rural.id).map((s) => s.localDate);
    expect(datesOf(first)).toEqual(["2026-11-29", "2026-12-01", "2026-12-04"]);
    // Asked again with nothing changed: the same week.
    const again = await loadWhatsOn(db, now);
    expect(again.sessions.find((s) => s.zoneId === rural.id)).toMatchObject({
      localDate: "2026-11-29",
    });

    await addClosure(
      db,
      { zoneId: rural.id, actorUserId: await officeUserId(db), now },
      { startsOn: "2026-12-01", endsOn: "2026-12-01", reason: "测试" },
    );
    expect(datesOf(await loadWhatsOn(db, now))).toEqual(["2026-11-29", "2026-12-04"]);

    const nextDay = new Date(now.getTime() + 24 * 3600_000);
    const later = await loadWhatsOn(db, nextDay);
    expect(datesOf(later)).toEqual(["2026-11-29", "2026-12-04"]);
    const twoDays = await loadWhatsOn(db, new Date(now.getTime() + 2 * 24 * 3600_000));
    expect(datesOf(twoDays)).toEqual(["2026-12-04", "2026-12-06"]);
  });
});
