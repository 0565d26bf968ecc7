import { expect, test } from "./fixtures";

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a9a30000000049454e44ae426082",
  "hex",
);

test("a resident reports a blocked fire lane with a photo; the manager resolves it; the reply and the closure rate show", async ({
  page,
  pageAs,
  newZone,
}) => {
  const zone = await newZone({
    like: "taihang-street-night",
    name: "太行街南段夜市",
    managers: ["managerParks"],
  });
  await page.goto(`/markets/${zone.slug}`);
  const figures = page.getByRole("region", { name: "问题处理情况" });
  // A market of the journey's own: nothing reported yet, so no rate to give.
  const rate = figures.getByRole("row", { name: /办结率/ });
  await expect(rate).toContainText("—");
  await expect(rate).not.toContainText("%");
  await figures.getByRole("link", { name: "反映问题" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("反映问题");
  await page.getByRole("radio", { name: "占道、通道堵塞或交通" }).check();
  await page.getByLabel("看到了什么").fill("B 排北头的消防通道被两辆三轮车堵住了，晚上九点。");
  await page
    .getByLabel("照片（可不传）")
    .setInputFiles({ name: "lane.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "提交" }).click();

  const thanks = page.getByRole("status").filter({ hasText: "谢谢你的反映" });
  await expect(thanks).toBeVisible();
  const code = /查询码 ([0-9A-Z]{8})/.exec((await thanks.textContent()) ?? "")![1]!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`问题 ${code}`);
  await expect(page.getByText("还没有答复")).toBeVisible();

  const manager = await pageAs("managerParks");
  await manager.goto("/manage/reports");
  await manager.getByRole("link", { name: new RegExp(code) }).click();
  await expect(manager.getByRole("link", { name: "查看照片" })).toBeVisible();
  const photo = await manager.request.get(`${new URL(manager.url()).pathname}/photo`);
  expect(photo.headers()["content-type"]).toBe("image/png");
  await manager
    .getByLabel("答复（反映人能看到）")
    .fill("已请车主挪走三轮车，并在通道口放了提示牌。");
  await manager.getByRole("button", { name: "已解决，答复反映人" }).click();
  await expect(manager.getByRole("status")).toHaveText("已保存。");

  await page.reload();
  await expect(page.getByText("已请车主挪走三轮车")).toBeVisible();
  await expect(page.getByText("已解决", { exact: true })).toBeVisible();
  await page.goto(`/markets/${zone.slug}`);
  // One received, one resolved, in both windows.
  await expect(rate).toContainText("100%");
  await expect(figures.getByRole("row", { name: /收到/ })).toContainText("1");
  // Nobody else sees the photo.
  const anonymous = await page.request.get(`/manage/reports/1/photo`, { maxRedirects: 0 });
  expect([302, 403, 404]).toContain(anonymous.status());
});
