import fs from "node:fs";
import { expect, test } from "./fixtures";

test("a manager records an inspection and the market page shows it", async ({
  page,
  login,
  newZone,
}) => {
  const zone = await newZone({
    like: "longquan-park-evening",
    name: "龙泉公园东门晚市",
    managers: ["managerParks"],
  });
  await login("managerParks");
  await page.goto(`/manage/zones/${zone.slug}`);
  await page.getByRole("link", { name: "安全检查" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("安全检查");
  await page
    .getByRole("group", { name: "卫生和垃圾清运" })
    .getByRole("radio", { name: "有问题" })
    .check();
  await page.getByLabel("发现的情况").fill("B 排后面的垃圾桶满了，没有及时清运。");
  await page.getByLabel("整改事项 1").fill("每晚 21:00 加收一次垃圾");
  const today = await page.getByLabel("检查日期").inputValue();
  await page.getByLabel("期限 1").fill(today);
  await page.getByRole("button", { name: "保存检查记录" }).click();
  await expect(page.getByRole("status")).toHaveText("检查记录已保存：有待整改。");
  await expect(page.getByRole("region", { name: "检查记录" })).toContainText(
    "每晚 21:00 加收一次垃圾",
  );

  await page.goto(`/markets/${zone.slug}`);
  await expect(page.getByText(/最近一次安全检查：.+，有待整改/)).toBeVisible();
});

test("the office sees the county's figures and downloads a CSV a spreadsheet opens", async ({
  page,
  login,
}) => {
  await login("office");
  await page.goto("/manage");
  await page.getByRole("link", { name: "数据统计" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "全县集市数据" })).toBeVisible();
  const occupancy = page.getByRole("region", { name: "各集市摊位使用率" });
  await expect(occupancy.getByRole("img", { name: "各集市摊位使用率" })).toBeVisible();
  await expect(occupancy.getByRole("row", { name: /龙泉公园晚市/ })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    occupancy.getByRole("link", { name: "下载表格（CSV）" }).click(),
  ]);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
  expect(lines[0]!.split(",").slice(0, 3)).toEqual(["集市", "场次", "可用摊位场次"]);
  // One line a market, each with as many cells as the header.
  expect(lines.length).toBeGreaterThanOrEqual(8);
  for (const line of lines) expect(line.split(",").length).toBe(lines[0]!.split(",").length);
});
