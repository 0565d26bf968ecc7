import { createDb } from "../db/connect";
import { stallsTaking, templateKey } from "../db/testing/factories";
import { addDays, localToUtc } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL } from "./settings";

/** Yesterday's morning market, with two booked vendors: it is long over. */
async function yesterdaysBookings(zoneSlug: string, vendorIds: number[]) {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const date = addDays(localMoment(new Date(), "Asia/Shanghai").date, -1);
    const stalls = await stallsTaking(db, zoneSlug, "fresh_produce");
    const morning = await templateKey(db, zoneSlug, "morning");
    const at = new Date().toISOString();
    for (const [i, vendorId] of vendorIds.entries()) {
      await db
        .insertInto("bookings")
        .values({
          zone_id: stalls[0]!.zone_id,
          stall_id: stalls[i]!.id,
          vendor_id: vendorId,
          local_date: date,
          session_key: morning,
          starts_at: localToUtc(date, "05:30", "Asia/Shanghai").toISOString(),
          ends_at: localToUtc(date, "08:30", "Asia/Shanghai").toISOString(),
          status: "confirmed",
          fee_fen: 300,
          idempotency_key: `market-day-${date}-${i}`,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    return { value: `${date}|${morning}`, codes: [stalls[0]!.code, stalls[1]!.code] };
  } finally {
    await db.destroy();
  }
}

test("a manager checks one vendor in, records the fee, and marks the other absent", async ({
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
  const { value, codes } = await yesterdaysBookings(zone.slug, [
    present.vendorId,
    missing.vendorId,
  ]);
  const [here, absent] = codes as [string, string];
  await login("managerParks");
  await page.goto(`/manage/zones/${zone.slug}`);
  await page.getByRole("link", { name: "当天签到" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "当天签到" })).toBeVisible();
  await page.getByLabel("场次", { exact: true }).selectOption(value);
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByText("预约 2 个 · 已签到 0 · 未到 0")).toBeVisible();

  await page.getByRole("button", { name: `${here} 签到` }).click();
  await expect(page.getByRole("status")).toBeVisible();
  // The amount is blank until the manager types what was paid (the fee due is its hint).
  await expect(page.getByLabel(`${here} 实收金额（元）`)).toHaveValue("");
  await expect(page.getByLabel(`${here} 实收金额（元）`)).toHaveAttribute("placeholder", "3");
  await page.getByLabel(`${here} 实收金额（元）`).fill("3");
  await page.getByRole("button", { name: `记录 ${here} 收费` }).click();
  await page.getByRole("button", { name: `${absent} 未到` }).click();
  await expect(page.getByText("预约 2 个 · 已签到 1 · 未到 1 · 应收 ¥3 · 已收 ¥3")).toBeVisible();

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
  await login("managerLongquan");
  await page.goto(`/manage/zones/${zone.slug}/day`);
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
