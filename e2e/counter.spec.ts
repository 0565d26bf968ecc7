// A service counter (代办窗口) serves a farmer who has only a basic phone: registers them with
// their consent, uploads their papers from the scanner, books a stall and prints the slip. The
// manager sees every step as the counter's, done for the farmer.
import type { Page } from "@playwright/test";
import { createDb } from "../db/connect";
import { chooseAndBook, expect, test } from "./fixtures";
import { codeSentTo } from "./outbox";
import { E2E_DATABASE_URL } from "./settings";

function isoDaysFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A scanner's image of a paper: a rendered card, as PNG. */
async function scanOf(page: Page, title: string) {
  const other = await page.context().newPage();
  await other.setViewportSize({ width: 420, height: 260 });
  await other.setContent(
    `<div style="font:20px sans-serif;padding:24px;border:6px double #1d6b48;height:200px">
       <h1 style="margin:0 0 12px">${title}</h1><p>壶关县集店乡</p></div>`,
  );
  const png = await other.screenshot();
  await other.close();
  return png;
}

test("a counter clerk registers a farmer with no smartphone, books a stall for them and prints the slip", async ({
  page,
  login,
  pageAs,
  newZone,
  browser,
}) => {
  const zone = await newZone({
    like: "jidian-rural-produce",
    name: "集店乡东街集市",
    managers: ["managerParks"],
  });
  // The office has this counter book at the new market too (the staff page does the same).
  const db = createDb(E2E_DATABASE_URL);
  const clerk = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "counter.jidian@jishi.example")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("counter_zones")
    .values({ zone_id: zone.zoneId, user_id: clerk.id, created_at: new Date().toISOString() })
    .execute();

  await login("counterJidian");
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "主导航" })
    .getByRole("link", { name: "服务窗口" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "服务窗口（代办）" })).toBeVisible();

  // A mistyped number is said beside the field; nothing else opens.
  await page.getByLabel("摊主的手机号").fill("1350000");
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page.getByText("请填写中国大陆手机号：11 位数字，以 13 到 19 开头")).toBeVisible();
  await expect(page.getByRole("region", { name: /为摊主登记/ })).toHaveCount(0);

  // A number nobody has registered: the counter registers the farmer.
  const phone = `135${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const name = `申家老米${phone.slice(-4)}`;
  await page.getByLabel("摊主的手机号").fill(phone);
  await page.getByRole("button", { name: "查找" }).click();
  const register = page.getByRole("region", { name: "这个号码还没注册：为摊主登记" });
  await expect(register).toBeVisible();
  await register.getByLabel("摊位名称").fill(name);
  await register.getByLabel("真实姓名或单位名称").fill("申福贵");
  await register.getByLabel("所在社区或村").fill("集店乡西河村");
  await register.getByLabel("经营品类").selectOption({ label: "生鲜果蔬" });
  await register.getByLabel("卖什么").fill("自家种的小米、绿豆、南瓜");
  // Consent: the code goes to the farmer's basic phone; they read it out.
  await register.getByRole("button", { name: "发送验证码到摊主手机" }).click();
  await expect(page.getByRole("status").filter({ hasText: "验证码已发到" })).toBeVisible();
  await register.getByLabel("摊主念的 6 位验证码").fill(await codeSentTo(phone));
  await register.getByRole("button", { name: "登记并开始代办" }).click();

  // From here the counter works on the farmer's own pages, and every page says for whom.
  await expect(page.getByRole("heading", { level: 1, name: "证件" })).toBeVisible();
  const banner = page.getByRole("status").filter({ hasText: `正在代 ${name} 办理` });
  await expect(banner).toBeVisible();
  for (const [kind, title, days] of [
    ["身份证（你需要）", "居民身份证", 3000],
    ["健康证（你需要）", "健康证", 300],
  ] as const) {
    await page.getByLabel("证件类型").selectOption({ label: kind });
    await page.getByLabel("有效期至").fill(isoDaysFromNow(days));
    await page.getByLabel("文件", { exact: true }).setInputFiles({
      name: `${title}.png`,
      mimeType: "image/png",
      buffer: await scanOf(page, title),
    });
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "证件已上传。" })).toBeVisible();
  }

  // The market's manager approves the farmer as any vendor.
  const manager = await pageAs("managerParks");
  await manager.goto("/manage/vendors");
  await manager.getByRole("link", { name }).click();
  await manager.getByRole("button", { name: "通过", exact: true }).click();
  await expect(manager.getByRole("status")).toHaveText("已保存，摊主会在消息里看到。");

  // The counter books a stall for the farmer, with the same confirmation and rules.
  await page.goto("/book");
  await page.getByRole("link", { name: zone.name }).click();
  const code = (await page.getByRole("link", { name: /^选 / }).first().textContent())!.replace(
    "选 ",
    "",
  );
  await chooseAndBook(page, code);
  await expect(page.getByRole("status").filter({ hasText: "预约成功！" })).toBeVisible();
  const booking = page.getByRole("listitem").filter({ hasText: `${zone.name} · ${code}` });
  await booking.getByRole("link", { name: "凭证" }).click();
  await expect(page.getByRole("img", { name: `${code} 签到二维码` })).toBeVisible();
  await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "打印凭条" })).toBeVisible();
  // Printed, the slip is the receipt alone: no header, banner or buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(banner).toBeHidden();
  await expect(page.getByRole("button", { name: "打印凭条" })).toBeHidden();
  await expect(page.getByRole("img", { name: `${code} 签到二维码` })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The manager sees each step as the counter's, done for the farmer.
  await manager.reload();
  const acts = manager.getByRole("region", { name: "服务窗口代办" });
  await expect(acts).toContainText("集店乡便民服务中心：代为登记");
  await expect(acts).toContainText("集店乡便民服务中心：代为上传证件");
  await expect(acts).toContainText("集店乡便民服务中心：代为预约摊位");
  // …and the county office's audit log names the clerk, for the farmer.
  const office = await pageAs("office");
  await office.goto("/manage/audit");
  await expect(
    office
      .getByRole("row")
      .filter({ hasText: "预约摊位" })
      .filter({ hasText: `代 ${name}` }),
  ).toBeVisible();

  // Done: the counter stops acting, and the vendor pages are closed to it again.
  await page.getByRole("button", { name: "结束代办" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "服务窗口（代办）" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  await page.goto("/vendor/bookings");
  await expect(page).toHaveURL(/\/counter$/);
  await db.destroy();

  // Later the farmer takes the account over with their phone: a code, a password of their own,
  // and there is everything the counter did for them, and the way to stop it.
  const farmer = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await farmer.goto("/forgot-password");
  await farmer.getByLabel("手机号或邮箱").fill(phone);
  await farmer.getByRole("button", { name: "下一步" }).click();
  await expect(farmer.getByRole("heading", { level: 1, name: "设置新密码" })).toBeVisible();
  await farmer.getByLabel("验证码").fill(await codeSentTo(phone));
  await farmer.getByLabel("新密码", { exact: true }).fill("Xihe-Millet-2026");
  await farmer.getByLabel("再输一次新密码").fill("Xihe-Millet-2026");
  await farmer.getByRole("button", { name: "保存新密码" }).click();
  await farmer.getByLabel("手机号或邮箱").fill(phone);
  await farmer.getByLabel("密码").fill("Xihe-Millet-2026");
  await farmer.getByRole("button", { name: "登录" }).click();
  const help = farmer.getByRole("region", { name: "服务窗口代办" });
  await expect(help).toContainText("你同意了服务窗口代你办理");
  await expect(help).toContainText("集店乡便民服务中心：代为预约摊位");
  await help.getByRole("button", { name: "停止代办" }).click();
  await expect(farmer.getByRole("status").filter({ hasText: "已停止代办" })).toBeVisible();
  // The counter no longer finds them among its vendors, nor can act for them.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
});
