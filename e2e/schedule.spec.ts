import { expect, test, chooseAndBook } from "./fixtures";
import { smsTo } from "./outbox";

test("a manager closes the market for a day; the booked vendors are told, by SMS too, and the bookings are cancelled", async ({
  page,
  loginNewVendor,
  newVendorPage,
  pageAs,
  newZone,
}) => {
  const zone = await newZone({
    like: "chengbei-civilisation",
    name: "城北社区二号集市",
    managers: ["managerLongquan"],
  });
  await loginNewVendor({ name: "侯家杂粮" });
  await page.goto(`/book/${zone.slug}`);
  const [date] = (await page.getByLabel("场次").inputValue()).split("|");
  await chooseAndBook(page, "B-01");
  await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");
  const second = await newVendorPage({ name: "申记豆腐" });
  await second.page.goto(`/book/${zone.slug}`);
  await chooseAndBook(second.page, "B-02");
  await expect(second.page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");

  const manager = await pageAs("managerLongquan");
  await manager.goto("/manage");
  await manager.getByRole("link", { name: zone.name }).click();
  const closures = manager.getByRole("region", { name: "休市" });
  await closures.getByLabel("从").fill(date!);
  await closures.getByLabel("到（含当天）").fill(date!);
  await closures.getByLabel("原因").fill("暴雨预警");
  await closures.getByRole("button", { name: "安排休市" }).click();
  await expect(manager.getByRole("status")).toContainText(/\d+ 个受影响的预约已取消/);
  await expect(manager.getByRole("region", { name: "休市" })).toContainText("暴雨预警");
  // Every booked vendor gets an SMS at once (the log provider: the outbox is the phone), and the
  // manager sees them go out.
  await expect(async () => {
    await manager.reload();
    await expect(manager.getByRole("region", { name: "休市" })).toContainText(
      "短信通知 2 人：已发出 2，等待发送 0，失败 0",
      { timeout: 1000 },
    );
  }).toPass({ timeout: 60_000 });
  const [sms] = await smsTo(second.phone);
  expect(sms).toMatchObject({ kind: "session_closed", status: "sent" });
  expect(sms!.body).toContain(`${zone.name}`);
  expect(sms!.body).toContain("休市（暴雨预警），您在 B-02 号摊位的预约已取消");

  await page.goto("/vendor");
  await expect(page.getByRole("region", { name: /消息/ })).toContainText(zone.name);
  await expect(page.getByRole("region", { name: /消息/ })).toContainText("休市（暴雨预警）");
  await page.goto("/vendor/bookings");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `${zone.name} · B-01` })
      .getByText("已取消"),
  ).toBeVisible();
});

test("a manager cannot open another manager's market", async ({ page, login }) => {
  await login("managerParks");
  const response = await page.goto("/manage/zones/fuxin-community");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
});
