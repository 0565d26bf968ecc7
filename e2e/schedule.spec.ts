import { expect, test } from "./fixtures";

test("a manager closes the market for a day; the booked vendor is told and the booking is cancelled", async ({
  page,
  loginNewVendor,
  pageAs,
}) => {
  await loginNewVendor({ name: "侯家杂粮" });
  await page.goto("/book/chengbei-civilisation");
  const [date] = (await page.getByLabel("场次").inputValue()).split("|");
  await page.getByRole("button", { name: "预约 B-01" }).click();
  await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");

  const manager = await pageAs("managerLongquan");
  await manager.goto("/manage");
  await manager.getByRole("link", { name: "城北社区文明实践集市" }).click();
  const closures = manager.getByRole("region", { name: "休市" });
  await closures.getByLabel("从").fill(date!);
  await closures.getByLabel("到（含当天）").fill(date!);
  await closures.getByLabel("原因").fill("暴雨预警");
  await closures.getByRole("button", { name: "安排休市" }).click();
  await expect(manager.getByRole("status")).toContainText(/\d+ 个受影响的预约已取消/);
  await expect(manager.getByRole("region", { name: "休市" })).toContainText("暴雨预警");

  await page.goto("/vendor");
  await expect(page.getByRole("region", { name: /消息/ })).toContainText("城北社区文明实践集市");
  await expect(page.getByRole("region", { name: /消息/ })).toContainText("休市（暴雨预警）");
  await page.goto("/vendor/bookings");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: "城北社区文明实践集市 · B-01" })
      .getByText("已取消"),
  ).toBeVisible();
});

test("a manager cannot open another manager's market", async ({ page, login }) => {
  await login("managerParks");
  const response = await page.goto("/manage/zones/fuxin-community");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
});
