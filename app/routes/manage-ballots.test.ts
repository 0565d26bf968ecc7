// The managers' ballot form against hostile and mistaken input: each mistake comes back as a
// translated message under its field with what was typed, never a 500, and nothing is opened;
// a good plan opens a ballot.
import { describe, expect, it } from "vitest";
import { createZoneLike } from "#db/testing/factories";
import { requestAs, testContext } from "#db/testing/requests";
import { addDays } from "~/domain/calendar";
import { localMoment } from "~/domain/market-hours";
import { allZhCN as zhCN } from "~/locales/all";
import { db } from "~/utils/db.server";
import { action } from "./manage.zones.$slug_.ballots";

type Answer = {
  data: { errors?: Record<string, string>; values?: Record<string, string>; opened?: unknown };
  init: { status?: number } | null;
};

async function post(slug: string, fields: Record<string, string>) {
  return (await action({
    request: await requestAs("office@jishi.example", `/manage/zones/${slug}/ballots`, {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    params: { slug },
    context: testContext,
  })) as unknown as Answer;
}

describe("opening a ballot from the managers' page", () => {
  it("answers each mistake under its field, keeps what was typed, and opens nothing", async () => {
    const zone = await createZoneLike(db, "shuita-community", {
      name: "表单集市",
      managerUserIds: [],
    });
    const today = localMoment(new Date(), "Asia/Shanghai").date;
    const good = {
      intent: "open",
      titleZh: "水塔社区春节摇号",
      titleEn: "",
      firstDate: addDays(today, 30),
      lastDate: addDays(today, 32),
      sessionKind: "",
      opens: `${today}T23:59`,
      closes: `${addDays(today, 20)}T20:00`,
      newcomerShare: "20",
      lookbackMonths: "6",
      "row.A": "on",
    };
    const cases: [Record<string, string>, string, string][] = [
      [{ opens: `${today}T25:61` }, "opens", "ballotOpen.error.instant"],
      [{ closes: "tomorrow" }, "closes", "ballotOpen.error.instant"],
      [{ firstDate: "2027-02-30" }, "firstDate", "ballotOpen.error.date"],
      [{ newcomerShare: "80" }, "newcomerShare", "ballotOpen.error.share"],
      [{ lookbackMonths: "1e9" }, "lookbackMonths", "ballotOpen.error.lookback"],
      [{ titleZh: "<" }, "titleZh", "ballotOpen.error.title"],
      [{ "cap.fresh_produce": "-3" }, "caps", "ballotOpen.error.cap"],
      [{ leaveOut: "A-01, Z-99; DROP TABLE stalls" }, "leaveOut", "ballotOpen.error.unknownStall"],
      [{ "row.A": "" }, "rows", "ballotOpen.problem.noStalls"],
      [{ lastDate: addDays(today, 29) }, "lastDate", "ballotOpen.problem.dates"],
      [{ closes: `${addDays(today, 31)}T20:00` }, "closes", "ballotOpen.problem.closesLate"],
    ];
    for (const [change, field, message] of cases) {
      const answer = await post(zone.slug, { ...good, ...change });
      expect(answer.init?.status, field).toBe(400);
      expect(answer.data.errors?.[field], field).toBe(message);
      expect(Object.hasOwn(zhCN, message)).toBe(true);
      expect(answer.data.values?.titleZh).toBe(change.titleZh ?? good.titleZh);
    }
    const none = await db
      .selectFrom("ballots")
      .select("id")
      .where("zone_id", "=", zone.zoneId)
      .execute();
    expect(none).toEqual([]);

    const opened = await post(zone.slug, good);
    expect(opened.data.opened).toMatchObject({ stalls: 12, leftOut: [] });
  });
});
