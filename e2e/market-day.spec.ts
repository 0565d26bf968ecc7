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
