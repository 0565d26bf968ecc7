import { expect, test } from "./fixtures";

test.describe("the home page", () => {
  test("shows every market on the map and in the list, in Chinese by default", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "今天哪里有集？" })).toBeVisible();

    // The coming week's sessions: every market holds at least one. The day that answers the
    // question is open; the later days fold to a line each until opened.
    const list = page.getByRole("region", { name: "接下来的集" });
    const map = page.getByRole("region", { name: "集市地图" });
    const folds = list.locator("details");
    expect(await folds.count()).toBeGreaterThanOrEqual(1);
    for (const fold of await folds.all()) {
      await fold.locator("summary").click();
      await expect(fold).toHaveAttribute("open", "");
    }
    // The list runs until the day that passes its length; markets whose next session is later
    // (how many days fit depends on the markets that journeys beside this one add) are one of
    // the later days' links away.
    const demo = [
      "福馨社区便民市场",
      "水塔社区早晚市",
      "城北社区文明实践集市",
      "龙泉公园晚市",
      "太行街夜市",
      "城东街早市",
      "集店乡农产品集市",
    ];
    const later: string[] = [];
    for (const name of demo) {
      await expect(map.getByRole("button", { name, exact: true })).toBeVisible();
      const listed = list.getByRole("link", { name, exact: true });
      if ((await listed.count()) > 0) await expect(listed.first()).toBeVisible();
      else later.push(name);
    }
    const laterDays = await page
      .getByRole("navigation", { name: /^往后几天/ })
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));

    // The map draws every market from our own data although no tile can load here:
    // an area and a numbered pin for each, and a pin opens the market's summary.
    // Journeys running beside this one add markets of their own, so the demo's seven are a floor.
    const pins = map.locator(".map-pin");
    expect(await pins.count()).toBeGreaterThanOrEqual(7);
    await expect(map.locator("path.leaflet-interactive")).toHaveCount(await pins.count());
    await map.getByRole("button", { name: "集店乡农产品集市" }).click();
    await expect(map.locator(".leaflet-popup-content")).toContainText("集店乡农产品集市");
    await expect(map.getByRole("link", { name: "查看详情" })).toHaveAttribute(
      "href",
      "/markets/jidian-rural-produce",
    );
    // The attribution credits Leaflet and the tiles, without a flag.
    const attribution = map.locator(".leaflet-control-attribution");
    await expect(attribution.getByRole("link", { name: "Leaflet" })).toBeVisible();
    await expect(attribution.locator("svg, img")).toHaveCount(0);

    for (const name of later) {
      let found = false;
      for (const href of laterDays) {
        await page.goto(href);
        if ((await list.getByRole("link", { name, exact: true }).count()) > 0) {
          found = true;
          break;
        }
      }
      expect(found, `${name} on one of the later days`).toBe(true);
    }
  });

  test("the county map names every market, and no pin covers another, without tiles", async ({
    page,
  }) => {
    for (const size of [
      { width: 360, height: 780 },
      { width: 1280, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await page.goto("/");
      // On a phone the map opens over the page.
      if (size.width < 600) await page.getByRole("link", { name: "看地图" }).click();
      const map = page.getByRole("region", { name: "集市地图" });
      await expect(map.locator(".map-pin-name", { hasText: "龙泉公园晚市" })).toBeVisible();
      await expect(map.locator(".map-north")).toHaveText("↑ 北");
      await expect(map.locator(".leaflet-control-scale")).toBeVisible();
      // Wait for the pins to be spread at this zoom, then compare every pair of boxes.
      await page.waitForTimeout(300);
      const boxes = await map
        .locator(".map-pin-wrap")
        .evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]),
        );
      expect(boxes.length).toBeGreaterThanOrEqual(7);
      const covered: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          if (a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!)
            covered.push(`${i}/${j}`);
        }
      expect(covered, `${size.width} px`).toEqual([]);
    }
  });

  for (const phone of [
    { locale: "zh-CN", map: "看地图", close: "关闭地图", menu: "菜单", markets: "全部集市" },
    { locale: "en", map: "Show the map", close: "Close the map", menu: "Menu", markets: "Markets" },
  ]) {
    test.describe(`on a 360 × 780 phone (${phone.locale})`, () => {
      test.use({ locale: phone.locale, viewport: { width: 360, height: 780 } });

      test("the first screen answers where the market is today; the map fills the screen and closes", async ({
        page,
      }) => {
        await page.goto("/");
        // The header is one row; the rest of the way round is in the menu.
        const header = await page.getByRole("banner").boundingBox();
        expect(header!.height).toBeLessThanOrEqual(72);
        await page.getByRole("banner").getByText(phone.menu).click();
        await page.getByRole("link", { name: phone.markets, exact: true }).click();
        await expect(page).toHaveURL(/\/markets$/);
        await page.goBack();

        // Without scrolling: the day's first market, its hours and its state.
        const day = page.getByRole("region", { name: /^(今天|明天|Today|Tomorrow) · / });
        const first = day.getByRole("listitem").first();
        await expect(first.getByRole("link")).toBeInViewport({ ratio: 1 });
        await expect(first).toContainText(/\d\d:\d\d–\d\d:\d\d/);
        const row = await first.boundingBox();
        expect(row!.y + row!.height).toBeLessThanOrEqual(780);
        // Nothing pushes the page wider than the phone (long names, the later days' links).
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
        // The search box's example is not cut off.
        const cut = await page.getByRole("searchbox").evaluate((input: HTMLInputElement) => {
          const style = getComputedStyle(input);
          const context = document.createElement("canvas").getContext("2d")!;
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room =
            input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return context.measureText(input.placeholder).width - room;
        });
        expect(cut).toBeLessThanOrEqual(0);

        // One tap: the map over the whole screen, every market named; Close and Back shut it.
        await page.getByRole("link", { name: phone.map }).click();
        const dialog = page.getByRole("dialog");
        await expect(dialog).toBeVisible();
        const box = await dialog.boundingBox();
        expect([box!.width, box!.height]).toEqual([360, 780]);
        const pins = dialog.locator(".map-pin-name");
        await expect(pins.first()).toBeVisible();
        expect(await pins.count()).toBeGreaterThanOrEqual(7);
        await dialog.getByRole("button", { name: phone.close }).click();
        await expect(dialog).toBeHidden();
        await expect(page).not.toHaveURL(/#map/);
        await page.getByRole("link", { name: phone.map }).click();
        await expect(dialog).toBeVisible();
        await page.goBack();
        await expect(dialog).toBeHidden();
        await expect(first).toBeVisible();
      });
    });
  }

  test("switches to English and remembers it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Where is the market today?" }),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(
      page.getByRole("link", { name: "Longquan Park Evening Market", exact: true }).first(),
    ).toBeVisible();
    await expect(
      page
        .getByRole("navigation", { name: "Main navigation" })
        .getByRole("link", { name: "Markets" }),
    ).toBeVisible();

    await page.reload();
    await expect(
      page.getByRole("heading", { level: 1, name: "Where is the market today?" }),
    ).toBeVisible();

    await page.getByRole("button", { name: "切换到中文" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "今天哪里有集？" })).toBeVisible();
  });

  test.describe("for a browser that prefers English", () => {
    test.use({ locale: "en-GB" });
    test("answers in English from the first visit", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(
        page.getByRole("heading", { level: 1, name: "Where is the market today?" }),
      ).toBeVisible();
    });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("still lists every market, in the map's place too", async ({ page }) => {
      await page.goto("/");
      const list = page.getByRole("region", { name: "接下来的集" });
      await expect(
        list.getByRole("link", { name: "龙泉公园晚市", exact: true }).first(),
      ).toBeVisible();
      // The demo's seven at least: journeys running beside this one add markets of their own.
      const places = page.getByRole("region", { name: "集市地图" }).getByRole("listitem");
      await expect(places.filter({ hasText: "集店乡农产品集市" })).toHaveCount(1);
      expect(await places.count()).toBeGreaterThanOrEqual(7);
      // The language switch is a plain form, so it works too.
      await page.getByRole("button", { name: "Switch to English" }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: "Where is the market today?" }),
      ).toBeVisible();
    });
  });

  test("the markets page gives each market's hours, fees and facilities", async ({ page }) => {
    await page.goto("/markets");
    const rural = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "集店乡农产品集市" }) });
    await expect(rural).toContainText("周二、周五、周日 · 早市 06:30–11:00");
    await expect(rural).toContainText("冷藏库");
    await expect(rural).toContainText("49 个摊位");
  });

  test("a link in a list opens its page in the app, and a link held with Ctrl opens a new tab", async ({
    page,
    context,
  }) => {
    await page.goto("/");
    // The map is drawn once the page's scripts run; from then on the app follows its links.
    await expect(
      page.getByRole("region", { name: "集市地图" }).getByRole("button").first(),
    ).toBeVisible();
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "今日集市", includeHidden: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.evaluate(() => Object.assign(window, { stayed: true }));
    const link = page
      .getByRole("region", { name: "接下来的集" })
      .getByRole("listitem")
      .first()
      .getByRole("link");
    const market = (await link.textContent())!;

    const [tab] = await Promise.all([
      context.waitForEvent("page"),
      link.click({ modifiers: ["Control"] }),
    ]);
    await expect(tab).toHaveURL(/\/markets\/[a-z-]+/);
    await tab.close();
    await expect(page).toHaveURL(/\/$/);

    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: market })).toBeVisible();
    // The same window: the page was not loaded again.
    expect(await page.evaluate(() => "stayed" in window)).toBe(true);
    await expect(nav.getByRole("link", { name: "全部集市", includeHidden: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(
      nav.getByRole("link", { name: "今日集市", includeHidden: true }),
    ).not.toHaveAttribute("aria-current");
  });

  test("an unknown address gets a helpful, translated 404", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "没有找到这个页面" })).toBeVisible();
    await expect(page.getByRole("link", { name: "回到首页" })).toBeVisible();
  });
});

test.describe("the home page near a market", () => {
  // Standing in Fuxin community's market: the phone gives this position when asked.
  test.use({
    geolocation: { longitude: 113.21758, latitude: 36.10635 },
    permissions: ["geolocation"],
  });

  test("sorts the open day's sessions by distance, nearest first, and back by time", async ({
    page,
  }) => {
    await page.goto("/");
    const list = page.getByRole("region", { name: "接下来的集" });
    const day = list.getByRole("region").first();
    const names = () => day.locator(".session-row-name").allTextContents();
    const byTime = await names();
    expect(byTime.length).toBeGreaterThan(1);

    await page.getByRole("button", { name: "按离我远近排" }).click();
    await expect(page.getByRole("status")).toHaveText(/已按离你的距离排列/);
    const badges = day.locator(".session-row .badge", { hasText: "距你" });
    await expect(badges).toHaveCount(byTime.length);
    const metres = (await badges.allTextContents()).map((text) => {
      const [, n, unit] = /距你 ([\d.]+) (米|公里)/.exec(text)!;
      return Number(n) * (unit === "公里" ? 1000 : 1);
    });
    expect(metres).toEqual([...metres].sort((a, b) => a - b));
    const sorted = await names();
    expect([...sorted].sort()).toEqual([...byTime].sort());
    // Fuxin holds a morning market every day, unless a journey beside this one closed it.
    if (sorted.includes("福馨社区便民市场")) {
      expect(sorted[0]).toBe("福馨社区便民市场");
      expect(metres[0]).toBeLessThan(100);
      await expect(day.locator(".session-row-name").first()).toHaveAttribute(
        "href",
        /^\/markets\/fuxin-community\?session=/,
      );
    }

    await page.getByRole("button", { name: "改回按时间排" }).click();
    await expect(badges).toHaveCount(0);
    expect(await names()).toEqual(byTime);
  });
});
