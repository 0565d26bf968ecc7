import { createDb } from "../db/connect";
import { templateKey } from "../db/testing/factories";
import { addDays, localToUtc } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { expect, test } from "./fixtures";
import { booked, sessionRunningNow, type Session } from "./running-session";
import { E2E_DATABASE_URL } from "./settings";

type Db = ReturnType<typeof createDb>;

/** Yesterday's morning market: long over. */
async function yesterdaysMorning(db: Db, zoneSlug: string): Promise<Session> {
  const date = addDays(localMoment(new Date(), "Asia/Shanghai").date, -1);
  return {
    localDate: date,
    key: await templateKey(db, zoneSlug, "morning"),
    startsAt: localToUtc(date, "05:30", "Asia/Shanghai").toISOString(),
    endsAt: localToUtc(date, "08:30", "Asia/Shanghai").toISOString(),
  };
}

test("a manager checks a vendor in while the market runs and records the fee; yesterday's absent vendor is marked, not checked in", async ({
  page,
  login,
  newVendorPage,
  newZone,
}) => {
  const zone = await newZone({
    like: "chengdong-street-morning",
    name: "城东街北段早市",
    managers: ["managerParks"],
  });
  const present = await newVendorPage({ name: "成家鲜蛋" });
  const missing = await newVendorPage({ name: "段家山药" });
  const db = createDb(E2E_DATABASE_URL);
  let running: Session & { value: string };
  let here: string;
  let absent: string;
  let yesterday: Session;
  try {
    running = await sessionRunningNow(db, zone.zoneId);
    yesterday = await yesterdaysMorning(db, zone.slug);
    here = await booked(db, zone.slug, running, present.vendorId, 0);
    absent = await booked(db, zone.slug, yesterday, missing.vendorId, 1);
  } finally {
    await db.destroy();
  }
  await login("managerParks");
  await page.goto(`/manage/zones/${zone.slug}`);
  await page.getByRole("link", { name: "当天签到" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "当天签到" })).toBeVisible();
  await page.getByLabel("场次", { exact: true }).selectOption(running.value);
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByText("预约 1 个 · 已签到 0 · 未到 0")).toBeVisible();
  await expect(page.getByRole("note")).toContainText("签到和现场安排开放中");

  await page.getByRole("button", { name: `${here} 签到` }).click();
  await expect(page.getByRole("status")).toBeVisible();
  // The amount is blank until the manager types what was paid (the fee due is its hint).
  await expect(page.getByLabel(`${here} 实收金额（元）`)).toHaveValue("");
  await expect(page.getByLabel(`${here} 实收金额（元）`)).toHaveAttribute("placeholder", "3");
  await page.getByLabel(`${here} 实收金额（元）`).fill("3");
  await page.getByRole("button", { name: `记录 ${here} 收费` }).click();
  await expect(page.getByText("预约 1 个 · 已签到 1 · 未到 0 · 应收 ¥3 · 已收 ¥3")).toBeVisible();

  // Yesterday's market is over: nobody can be checked in any more, the absent vendor is marked.
  await page
    .getByLabel("场次", { exact: true })
    .selectOption(`${yesterday.localDate}|${yesterday.key}`);
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByRole("note")).toContainText("已经结束：签到和现场安排已关闭");
  await expect(page.getByRole("button", { name: `${absent} 签到` })).toHaveCount(0);
  await page.getByRole("button", { name: `${absent} 未到` }).click();
  await expect(page.getByText(/预约 1 个 · 已签到 0 · 未到 1/)).toBeVisible();

  const vendor = missing.page;
  await vendor.goto("/vendor");
  await expect(vendor.getByRole("region", { name: /消息/ })).toContainText(
    `在 ${absent} 的预约记为未到场`,
  );
});

test("a walk-up: the manager finds the vendor, is offered only the free stalls that take what they sell, and gives one", async ({
  page,
  login,
  newVendorPage,
  newZone,
}) => {
  const zone = await newZone({
    like: "fuxin-community",
    name: "福馨社区西门市场",
    managers: ["managerLongquan"],
  });
  const walker = await newVendorPage({ name: "西门现场蔬菜" });
  const db = createDb(E2E_DATABASE_URL);
  const running = await sessionRunningNow(db, zone.zoneId).finally(() => db.destroy());
  await login("managerLongquan");
  await page.goto(`/manage/zones/${zone.slug}/day?session=${encodeURIComponent(running.value)}`);
  const walkUp = page.getByRole("region", { name: "现场安排空摊位" });
  // A number nobody has: said here, beside the form.
  await walkUp.getByLabel("手机号或邮箱").fill("13999999999");
  await walkUp.getByRole("button", { name: "查找摊主" }).click();
  await expect(walkUp.getByRole("alert")).toHaveText("没有找到这个手机号或邮箱的摊主。");
  await walkUp.getByLabel("手机号或邮箱").fill(walker.phone);
  await walkUp.getByRole("button", { name: "查找摊主" }).click();
  await expect(walkUp.getByRole("status")).toContainText("西门现场蔬菜 · 生鲜果蔬");
  // Only stalls taking fresh produce, each saying what it takes: none for cooked food alone.
  const options = await walkUp.getByLabel("空摊位").locator("option").allTextContents();
  expect(options.length).toBeGreaterThan(0);
  for (const option of options) expect(option).toMatch(/生鲜果蔬/);
  expect(options.some((o) => o.startsWith("C-"))).toBe(false);
  const stall = options[0]!.split("（")[0]!;
  await walkUp.getByRole("button", { name: "安排并签到" }).click();
  await expect(page.getByRole("status").first()).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: "西门现场蔬菜" });
  await expect(row).toContainText(stall);
  await expect(row.getByText("现场安排")).toBeVisible();
});
