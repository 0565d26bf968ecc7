// Stall cards (一摊一码): the manager prints them; a card opens the stall now, another vendor
// in another session; a report made from it names the stall, the session and the vendor; the
// page is whole without scripts and small.
import { gzipSync } from "node:zlib";
import { createDb } from "../db/connect";
import { createApprovedVendor, stallByCode } from "../db/testing/factories";
import { bookStall, newIdempotencyKey } from "../app/models/booking.server";
import {
  getBookingSettings,
  loadZoneCalendar,
  upcomingSessions,
} from "../app/models/zone-calendar.server";
import { bookingClosesAt } from "../app/domain/booking-rules";
import { addDays } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { seriousFindings } from "./axe";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL } from "./settings";

/** A market's coming sessions that still take bookings, soonest first. */
async function bookableSessions(db: ReturnType<typeof createDb>, zoneId: number, now: Date) {
  const calendar = (await loadZoneCalendar(db, zoneId))!;
  const settings = await getBookingSettings(db, zoneId);
  const today = localMoment(now, calendar.timeZone).date;
  return upcomingSessions(calendar, today, addDays(today, 7)).filter(
    (s) => bookingClosesAt(s.startsAt, settings) > now,
  );
}

test("a manager prints stall cards; a card shows who sells there in each session, and takes a report about them", async ({
  page,
  browser,
  pageAs,
  newZone,
}) => {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const zone = await newZone({
      like: "fuxin-community",
      name: "福馨社区北门市场",
      managers: ["managerLongquan"],
    });
    // Two vendors at A-03 in the next two sessions that still take bookings.
    const now = new Date();
    const [first, second] = await bookableSessions(db, zone.zoneId, now);
    const stall = await stallByCode(db, zone.zoneId, "A-03");
    for (const [session, name] of [
      [first!, "北门老李蔬菜"],
      [second!, "南河村张家鸡蛋"],
    ] as const) {
      const { vendorId } = await createApprovedVendor(db, "fresh_produce", { name });
      const made = await bookStall(
        db,
        {
          vendorId,
          stallId: stall.id,
          localDate: session.localDate,
          sessionKey: session.key,
          idempotencyKey: newIdempotencyKey(),
        },
        now,
      );
      expect(made.ok).toBe(true);
    }

    // The manager prints the cards: every stall, or one row at A7.
    const manager = await pageAs("managerLongquan");
    await manager.goto(`/manage/zones/${zone.slug}`);
    await manager.getByRole("link", { name: "打印摊位码" }).click();
    await expect(manager.getByText("共 58 张。")).toBeVisible();
    await expect(manager.getByRole("img", { name: "摊位 A-03 的二维码" })).toBeVisible();
    await manager.getByLabel("尺寸").selectOption({ label: "A7（每张 A4 纸 8 个）" });
    await manager.getByLabel("哪一排").selectOption({ label: "A 排" });
    await manager.getByRole("button", { name: "显示" }).click();
    await expect(manager.getByText("共 16 张。")).toBeVisible();
    await expect(manager.getByRole("button", { name: "打印" })).toBeVisible();
    expect(await seriousFindings(manager)).toEqual([]);

    // The card's address, as its QR code holds it (and the open data gives it).
    const stalls = (await (
      await page.request.get(`/markets/${zone.slug}/stalls.geojson`)
    ).json()) as { features: { properties: { code: string; card_url: string } }[] };
    const card = new URL(
      stalls.features.find((f) => f.properties.code === "A-03")!.properties.card_url,
    );
    await expect(manager.getByText(card.href)).toBeVisible();

    // Scanned for the first session, then for the second: two vendors.
    const ref = (s: { localDate: string; key: string }) => `${s.localDate}|${s.key}`;
    await page.goto(`${card.pathname}?session=${encodeURIComponent(ref(second!))}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("摊位 A-03");
    await expect(page.getByRole("link", { name: "南河村张家鸡蛋" })).toBeVisible();
    await expect(page.getByText(/证件已核验，有效期到 2030年12月31日/)).toBeVisible();
    expect(await seriousFindings(page)).toEqual([]);
    await page.goto(card.pathname);
    await expect(page.getByRole("heading", { level: 2 }).first()).toContainText(/正在开市|下一场/);
    await page.goto(`${card.pathname}?session=${encodeURIComponent(ref(first!))}`);
    const now1 = page.getByRole("region", { name: /正在开市|下一场/ });
    await expect(now1.getByRole("link", { name: "北门老李蔬菜" })).toBeVisible();

    // A report from the card carries the stall, the session and the vendor.
    await now1.getByRole("link", { name: "反映这个摊位的问题" }).click();
    await expect(page.getByText(/关于摊位 A-03 · .+ · 摊主：北门老李蔬菜/)).toBeVisible();
    await page.getByRole("radio", { name: "价格或缺斤短两" }).check();
    await page.getByLabel("看到了什么").fill("青菜标两块一斤，称的时候按三块算。");
    await page.getByRole("button", { name: "提交" }).click();
    const thanks = page.getByRole("status").filter({ hasText: "谢谢你的反映" });
    const code = /查询码 ([0-9A-Z]{8})/.exec((await thanks.textContent()) ?? "")![1]!;
    await manager.goto("/manage/reports");
    await manager.getByRole("link", { name: new RegExp(code) }).click();
    await expect(manager.getByText(/关于摊位 A-03/)).toBeVisible();
    await expect(manager.getByRole("link", { name: "摊主：北门老李蔬菜" })).toBeVisible();

    // Whole without scripts, and small: the page and its stylesheet under 60 KB compressed.
    const response = await page.request.get(card.pathname);
    const html = await response.text();
    expect(html).not.toContain("<script");
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    let bytes = gzipSync(html).byteLength;
    for (const href of css)
      bytes += gzipSync(await (await page.request.get(href)).body()).byteLength;
    expect(bytes).toBeLessThan(60 * 1024);
    const noScript = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    const bare = await noScript.newPage();
    await bare.goto(
      new URL(`${card.pathname}?session=${encodeURIComponent(ref(second!))}`, page.url()).href,
    );
    await expect(bare.getByRole("link", { name: "南河村张家鸡蛋" })).toBeVisible();
    await noScript.close();
  } finally {
    await db.destroy();
  }
});

test("a vendor keeps a price list from the phone; their stall's card and the county's figures show it", async ({
  page,
  loginNewVendor,
  pageAs,
  newZone,
}) => {
  const db = createDb(E2E_DATABASE_URL);
  try {
    await page.setViewportSize({ width: 360, height: 780 });
    const zone = await newZone({
      like: "shuita-community",
      name: "水塔社区东门市场",
      managers: [],
    });
    const { vendorId } = await loginNewVendor({ name: "东门刘家菜" });
    const now = new Date();
    const [next] = await bookableSessions(db, zone.zoneId, now);
    const stall = await stallByCode(db, zone.zoneId, "A-01");
    const made = await bookStall(
      db,
      {
        vendorId,
        stallId: stall.id,
        localDate: next!.localDate,
        sessionKey: next!.key,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    expect(made.ok).toBe(true);
    const card = `/s/${zone.zoneId}-A-01?session=${encodeURIComponent(`${next!.localDate}|${next!.key}`)}`;

    await page.goto("/vendor");
    await page.getByRole("link", { name: "编辑价目表" }).click();
    await expect(page.getByText("还没有写价目表。")).toBeVisible();
    // A price that is not one is said beside it, and nothing typed is lost.
    await page.getByLabel("第 1 项 品名").fill("西红柿");
    await page.getByLabel("价格（元）").first().fill("三块五");
    await page.getByLabel("产地（可不填）").first().fill("壶关集店");
    await page.getByRole("button", { name: "保存价目表" }).click();
    await expect(page.getByText("请写价格，按元，例如 3 或 2.5")).toBeVisible();
    await expect(page.getByLabel("第 1 项 品名")).toHaveValue("西红柿");
    await page.getByLabel("价格（元）").first().fill("3.5");
    await page.getByLabel("第 2 项 品名").fill("土鸡蛋");
    await page.getByLabel("价格（元）").nth(1).fill("1.2");
    await page.getByLabel("单位").nth(1).selectOption({ label: "个" });
    await page.getByRole("button", { name: "保存价目表" }).click();
    await expect(page.getByRole("status")).toContainText(
      "已保存，你的主页和摊位码上已经是新价格。",
    );

    await page.goto(card);
    const prices = page.getByRole("table", { name: /价目表/ });
    await expect(prices.getByRole("row", { name: /西红柿/ })).toContainText("¥3.50/斤");
    await expect(prices.getByRole("row", { name: /土鸡蛋/ })).toContainText("¥1.20/个");

    // Tomatoes go up: the card shows the new price, the history keeps the old one.
    await page.goto("/vendor/prices");
    await page.getByLabel("价格（元）").first().fill("4");
    await page.getByRole("button", { name: "保存价目表" }).click();
    await expect(page.getByRole("status")).toContainText("已保存");
    await expect(page.getByRole("region", { name: "改动记录" })).toContainText("西红柿 ¥3.50/斤");
    await page.goto(card);
    await expect(prices.getByRole("row", { name: /西红柿/ })).toContainText("¥4/斤");

    // The county's figures: tomatoes' median per 斤 this week, and in the CSV.
    const office = await pageAs("office");
    await office.goto("/manage/figures");
    const table = office.getByRole("region", { name: "常见菜价（每斤中位数）" });
    await expect(table.getByRole("row", { name: /西红柿/ })).toBeVisible();
    const csv = await (
      await office.request.get(
        await table
          .getByRole("link", { name: "下载表格（CSV）" })
          .getAttribute("href")
          .then((h) => h!),
      )
    ).text();
    expect(csv).toMatch(/每斤中位数/);
    expect(csv).toMatch(/西红柿/);
  } finally {
    await db.destroy();
  }
});
