import { expect, test, chooseAndBook } from "./fixtures";

// A market laid out like Jidian's: its fire lane runs east–west 16 m north of the market's
// south-west corner; the open ground north of row D (29 m) is free.

test("a manager lays a row across the fire lane, moves it clear, submits; the office approves; it can be booked and residents see it", async ({
  page,
  login,
  pageAs,
  newVendorPage,
  newZone,
}) => {
  test.slow();
  const zone = await newZone({
    like: "jidian-rural-produce",
    name: "集店乡东街集市",
    managers: ["managerParks"],
  });
  await login("managerParks");
  await page.goto(`/manage/zones/${zone.slug}`);
  await page.getByRole("link", { name: "摊位布局" }).click();
  await page.getByRole("button", { name: "在当前版本基础上修改" }).click();
  await expect(page.getByText("全部 8 项检查通过。")).toBeVisible();

  const rowTool = page.getByRole("region", { name: "整排添加摊位" });
  await rowTool.getByLabel("排号").fill("X");
  await rowTool.getByLabel("摊位数").fill("10");
  await rowTool.getByLabel("每个摊位宽（米）").fill("2");
  await rowTool.getByLabel("进深（米）").fill("2");
  await rowTool.getByLabel("摊位间隔（米）").fill("0.5");
  await rowTool.getByLabel("起点：西南角以东（米）").fill("10");
  await rowTool.getByLabel("起点：西南角以北（米）").fill("15");
  await rowTool.getByRole("checkbox", { name: "生鲜果蔬" }).check();
  await rowTool.getByRole("button", { name: "添加这一排" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "已添加 X 排 10 个摊位。" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "保存并检查" }).click();

  const checks = page.getByRole("region", { name: "安全检查" });
  await expect(checks).toContainText("1 项检查未通过");
  const lane = checks.getByRole("listitem").filter({ hasText: "消防通道畅通" });
  await expect(lane).toContainText("未通过");
  await expect(lane).toContainText(
    "涉及摊位：X-01, X-02, X-03, X-04, X-05, X-06, X-07, X-08, X-09, X-10",
  );
  // The stalls that fail are drawn in red on the map, and only they.
  await expect(
    page.getByRole("region", { name: "布局编辑地图" }).locator('path[fill="#e5484d"]'),
  ).toHaveCount(10);

  const rows = page.getByRole("region", { name: "整排操作" });
  await rows.getByLabel("哪一排").selectOption("X");
  await rows.getByLabel("向北移动（米，负数向南）").fill("18");
  await rows.getByRole("button", { name: "移动这一排" }).click();
  await page.getByRole("button", { name: "保存并检查" }).click();
  await expect(checks).toContainText("全部 8 项检查通过。");
  await page.getByRole("button", { name: "提交审批" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "已提交，等待县集市管理办公室审批。" }),
  ).toBeVisible();

  const office = await pageAs("office");
  await office.goto("/manage/layouts");
  await office
    .getByRole("listitem")
    .filter({ hasText: zone.name })
    .getByRole("link", { name: "去审批" })
    .click();
  await expect(office.getByRole("region", { name: "与正在使用的版本相比" })).toContainText(
    "新增 10 个：X-01, X-02, X-03, X-04, X-05, X-06, X-07, X-08, X-09, X-10",
  );
  await office.getByRole("button", { name: "批准" }).click();
  await expect(office.getByRole("status")).toContainText("已批准。");

  const { page: vendor } = await newVendorPage({ name: "岳氏山菌" });
  await vendor.goto(`/book/${zone.slug}`);
  const session = await vendor.getByLabel("场次").inputValue();
  await chooseAndBook(vendor, "X-01");
  await expect(vendor.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");

  await page.goto(`/markets/${zone.slug}?session=${encodeURIComponent(session)}`);
  await expect(page.getByRole("region", { name: "生鲜果蔬" })).toContainText("X-01 岳氏山菌");
});
