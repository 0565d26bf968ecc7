import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { createDb } from "../db/connect";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL } from "./settings";

/** The sessions ('YYYY-MM-DD|key') in which a stall of a demo market is booked. */
async function sessionsOfStall(zone: string, code: string): Promise<Set<string>> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const rows = await db
      .selectFrom("bookings")
      .innerJoin("stalls", "stalls.id", "bookings.stall_id")
      .innerJoin("zones", "zones.id", "bookings.zone_id")
      .select(["bookings.local_date", "bookings.session_key"])
      .where("zones.slug", "=", zone)
      .where("stalls.code", "=", code)
      .where("bookings.status", "=", "confirmed")
      .execute();
    return new Set(rows.map((r) => `${r.local_date}|${r.session_key}`));
  } finally {
    await db.destroy();
  }
}

/** The values of a session picker's choices, in its order. */
function sessionsOffered(picker: Locator): Promise<string[]> {
  return picker
    .locator("option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

// A resident with a phone, no account: what is on, where, who sells what, in both languages.
const journeys = [
  {
    locale: "zh-CN",
    tonight: "今晚",
    list: "接下来的集",
    market: "龙泉公园晚市",
    session: "场次",
    show: "查看",
    group: "文创产品",
    vendor: "太行手绘",
    verified: "已核验",
    whereNext: "接下来在哪儿摆摊",
    search: "搜索商品或摊主",
    searchButton: "搜索",
    query: "剪纸",
    found: ["晓丽剪纸文创", "福馨剪纸课堂"],
    map: "摊位图",
    free: "空闲",
  },
  {
    locale: "en-GB",
    tonight: "This evening",
    list: "Coming up",
    market: "Longquan Park Evening Market",
    session: "Session",
    show: "Show",
    group: "Cultural and creative",
    vendor: "Taihang Hand-painted",
    verified: "Verified",
    whereNext: "Where to find them next",
    search: "Search products or vendors",
    searchButton: "Search",
    query: "papercut",
    found: ["Xiaoli's Papercut Designs", "Fuxin Papercut Class"],
    map: "Map of the stalls",
    free: "free",
  },
] as const;

async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

for (const j of journeys) {
  test.describe(`a resident (${j.locale})`, () => {
    test.use({ locale: j.locale });

    test("filters to this evening, opens a market, picks a session, sees who is where, opens a vendor, and searches", async ({
      page,
    }) => {
      await page.goto("/");
      await expectNoSeriousViolations(page);
      await page.getByRole("link", { name: j.tonight, exact: true }).click();
      await expect(page).toHaveURL(/time=evening/);
      await expect(page.getByRole("link", { name: j.tonight, exact: true })).toHaveAttribute(
        "aria-current",
        "page",
      );
      const list = page.getByRole("region", { name: j.list });
      await list.getByRole("link", { name: j.market, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: j.market })).toBeVisible();

      // Another evening on which the regular at A-01 comes (not every one: late in the evening
      // the list starts tomorrow, and the day after may be one they skip).
      const picker = page.getByLabel(j.session, { exact: true });
      const shown = await picker.inputValue();
      const comes = await sessionsOfStall("longquan-park-evening", "A-01");
      const offered = await sessionsOffered(picker);
      // Best a session that differs from the one shown at A-01, so the map must change there.
      const second =
        offered.find((value) => value !== shown && comes.has(value) && !comes.has(shown)) ??
        offered.find((value) => value !== shown && comes.has(value));
      await picker.selectOption(second!);
      await page.getByRole("button", { name: j.show, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`session=${encodeURIComponent(second!)}`));
      await expectNoSeriousViolations(page);

      const group = page.getByRole("region", { name: j.group, exact: true });
      await expect(group).toContainText("A-01");
      const map = page.getByRole("region", { name: j.map });
      await expect(map.getByRole("img", { name: `A-01 · ${j.vendor}` })).toBeVisible();
      // The map names whom the list names, for this session: the same stall on the session
      // shown first may have been someone else's, or free.
      const listed = await page
        .locator(".vendor-list li")
        .evaluateAll((items) =>
          items.map(
            (li) =>
              `${li.querySelector("strong")?.textContent} · ${li.querySelector("a")?.textContent}`,
          ),
        );
      const named = await map
        .getByRole("img", { name: / · / })
        .evaluateAll(
          (shapes, free) =>
            shapes
              .map((s) => s.getAttribute("aria-label")!)
              .filter((label) => !label.endsWith(free)),
          j.free,
        );
      expect(named.sort()).toEqual(listed.sort());
      await group.getByRole("link", { name: j.vendor }).click();

      await expect(page.getByRole("heading", { level: 1, name: j.vendor })).toBeVisible();
      await expect(page.getByText(j.verified, { exact: false }).first()).toBeVisible();
      await expect(page.getByRole("region", { name: j.whereNext })).toContainText(j.market);
      await expectNoSeriousViolations(page);

      await page.getByRole("link", { name: /← / }).click();
      await page.getByLabel(j.search).fill(j.query);
      await page.getByRole("button", { name: j.searchButton, exact: true }).click();
      for (const name of j.found) await expect(page.getByRole("link", { name })).toBeVisible();
      await page.getByRole("link", { name: j.found[1] }).click();
      await expect(page.getByRole("heading", { level: 1, name: j.found[1] })).toBeVisible();
    });
  });
}

test("search understands other names for food, pinyin and a typo, and says how it matched", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/search");
  await page.getByLabel("搜索商品或摊主").fill("番茄");
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  const wang = page.getByRole("listitem").filter({ hasText: "王桂兰旱地西红柿" });
  await expect(wang).toContainText("“番茄”也叫“西红柿”，按这个名字找到");
  await page.goto("/search?q=fanqie");
  await expect(wang).toContainText("按拼音找到“西红柿”");
  await page.goto("/search?q=mushrom");
  await expect(page.getByRole("listitem").filter({ hasText: "杨家菌菇" })).toContainText(
    "是不是打错了一个字母",
  );
});

test("a market's map draws its stalls from the layout's file, and says so when it cannot", async ({
  page,
}) => {
  // A session at which the regular at A-01 comes: the one shown first may be one they skip.
  const comes = await sessionsOfStall("longquan-park-evening", "A-01");
  await page.goto("/markets/longquan-park-evening");
  const offered = await sessionsOffered(page.getByLabel("场次", { exact: true }));
  const session = offered.find((value) => comes.has(value));
  const outlines = page.waitForResponse(/\/layouts\/\d+\/stalls\.json$/);
  await page.goto(`/markets/longquan-park-evening?session=${encodeURIComponent(session!)}`);
  const file = await outlines;
  expect(file.headers()["cache-control"]).toContain("immutable");
  const map = page.getByRole("region", { name: "摊位图" });
  await expect(map.getByRole("img", { name: /^A-01 · / })).toBeVisible();

  // A phone on a weak connection: the outlines do not arrive.
  await page.route(/\/layouts\/\d+\/stalls\.json$/, (route) => route.abort());
  await page.reload();
  await expect(map).toContainText("摊位图这会儿打不开");
  await expect(page.getByRole("region", { name: "文创产品", exact: true })).toContainText("A-01");
});

test("a vendor's page never shows their phone or legal name", async ({ page }) => {
  await page.goto("/search?q=西红柿");
  await page.getByRole("link", { name: "王桂兰旱地西红柿" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("王桂兰旱地西红柿");
  const html = await page.content();
  expect(html).not.toContain("13800000001");
  expect(html).not.toContain("vendor.wang@");
});

test("unknown markets and vendors get a translated 404; a bad session or filter gets a note", async ({
  page,
}) => {
  expect((await page.goto("/markets/atlantis"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "没有找到这个页面" })).toBeVisible();
  expect((await page.goto("/vendors/99999"))?.status()).toBe(404);
  expect((await page.goto("/vendors/not-a-number"))?.status()).toBe(404);
  // A malformed percent-encoding is a page that does not exist, not a server error.
  expect((await page.goto("/vendors/%FF"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "没有找到这个页面" })).toBeVisible();

  expect((await page.goto("/markets/fuxin-community?session=2026-02-30|t999"))?.status()).toBe(200);
  await expect(page.getByRole("note")).toHaveText("没有找到你要看的那一场，下面是最近的一场。");
  expect((await page.goto("/?day=yesterday&time=noon&kind=moon"))?.status()).toBe(200);
  await expect(page.getByRole("note")).toContainText("已忽略");
  await expect(
    page.getByRole("region", { name: "接下来的集" }).getByRole("link").first(),
  ).toBeVisible();
});
