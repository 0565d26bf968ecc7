import { createDb } from "../db/connect";
import { expect, test } from "./fixtures";
import { codeSentTo } from "./outbox";
import { E2E_DATABASE_URL } from "./settings";

/** The link in the newest message to `recipient`: what they would tap in their e-mail or SMS. */
async function linkSentTo(recipient: string) {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const row = await db
      .selectFrom("outbox")
      .select("body")
      .where("recipient", "=", recipient)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    return new URL(/https?:\/\/\S+\/reset-password\/[\w-]+/.exec(row.body)![0]).pathname;
  } finally {
    await db.destroy();
  }
}

test("the office opens a manager account; the manager sets a password and sees their market", async ({
  page,
  login,
  browser,
}) => {
  await login("office");
  await page.goto("/manage");
  await page.getByRole("link", { name: "管理员账号" }).click();
  const email = `manager${Date.now()}@jishi.example`;
  const form = page.getByRole("region", { name: "开通新账号" });
  await form.getByLabel("姓名").fill("郭小兵");
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("集店乡农产品集市").check();
  await form.getByRole("button", { name: "开通账号" }).click();
  await expect(page.getByRole("status")).toHaveText("账号已开通，设置密码的链接已发出。");

  const manager = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await manager.goto(await linkSentTo(email));
  await manager.getByLabel("新密码", { exact: true }).fill("Jidian-Market-3");
  await manager.getByLabel("再输一次新密码").fill("Jidian-Market-3");
  await manager.getByRole("button", { name: "保存新密码" }).click();
  await expect(manager.getByRole("status")).toHaveText("密码已设置好，请用新密码登录。");
  await manager.getByLabel("手机号或邮箱").fill(email);
  await manager.getByLabel("密码").fill("Jidian-Market-3");
  await manager.getByRole("button", { name: "登录" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "集市管理" })).toBeVisible();
  await expect(manager.getByRole("table").getByRole("row")).toHaveCount(2);
  await expect(manager.getByRole("rowheader", { name: /集店乡农产品集市/ })).toBeVisible();
});

test("the office opens a service-counter account; the clerk logs in to the counter", async ({
  page,
  login,
  browser,
}) => {
  await login("office");
  await page.goto("/manage/staff");
  const email = `counter${Date.now()}@jishi.example`;
  const form = page.getByRole("region", { name: "开通新账号" });
  await form.getByLabel(/^服务窗口/).check();
  await form.getByLabel("姓名").fill("黄山乡便民服务站");
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("集店乡农产品集市").check();
  await form.getByRole("button", { name: "开通账号" }).click();
  await expect(page.getByRole("status")).toHaveText("账号已开通，设置密码的链接已发出。");
  await expect(
    page.getByRole("region", { name: "服务窗口（代办）账号" }).getByRole("heading", {
      name: "黄山乡便民服务站",
    }),
  ).toBeVisible();

  const clerk = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await clerk.goto(await linkSentTo(email));
  await clerk.getByLabel("新密码", { exact: true }).fill("Huangshan-Counter-5");
  await clerk.getByLabel("再输一次新密码").fill("Huangshan-Counter-5");
  await clerk.getByRole("button", { name: "保存新密码" }).click();
  await clerk.getByLabel("手机号或邮箱").fill(email);
  await clerk.getByLabel("密码").fill("Huangshan-Counter-5");
  await clerk.getByRole("button", { name: "登录" }).click();
  await expect(clerk.getByRole("heading", { level: 1, name: "服务窗口（代办）" })).toBeVisible();
  await expect(clerk.getByText("本窗口可以预约的集市：集店乡农产品集市")).toBeVisible();
  // Managing is not the counter's.
  await clerk.goto("/manage");
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText("没有权限");
});

test("a vendor who forgot the password gets a code by SMS and sets a new one", async ({
  page,
  newVendorPage,
}) => {
  // A vendor of the journey's own: the demo vendors keep the passwords the README gives.
  const { phone } = await newVendorPage({ name: "刘家土鸡蛋" });
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  // The login page has a field of the same name: wait for the new page before typing.
  await expect(page.getByRole("heading", { level: 1, name: "忘记密码" })).toBeVisible();
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByRole("button", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "设置新密码" })).toBeVisible();
  await expect(page.getByLabel("手机号")).toHaveValue(phone);

  // A wrong code first: refused, with the tries left.
  await page.getByLabel("验证码").fill("000000");
  await page.getByLabel("新密码", { exact: true }).fill("Free-Range-Eggs-5");
  await page.getByLabel("再输一次新密码").fill("Free-Range-Eggs-5");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByText("验证码不对，还可以再试 4 次")).toBeVisible();

  await page.getByLabel("验证码").fill(await codeSentTo(phone));
  await page.getByLabel("新密码", { exact: true }).fill("Free-Range-Eggs-5");
  await page.getByLabel("再输一次新密码").fill("Free-Range-Eggs-5");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已设置好，请用新密码登录。");
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("密码").fill("Free-Range-Eggs-5");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的摊位" })).toBeVisible();
});

test("a vendor moves to a new phone number, proved by the code sent to it, and switches reminders off", async ({
  newVendorPage,
}) => {
  const { page, phone } = await newVendorPage({ name: "常记烧饼" });
  const next = `135${phone.slice(3)}`;
  await page.goto("/vendor");
  await page.getByRole("link", { name: "手机号与短信提醒" }).click();
  await expect(
    page.getByText(`现在的手机号是 ${phone.slice(0, 3)}****${phone.slice(-4)}`),
  ).toBeVisible();
  await page.getByLabel("新手机号").fill(next);
  await page.getByRole("button", { name: "发送验证码" }).click();
  await expect(page.getByLabel("验证码")).toBeVisible();
  await page.getByLabel("验证码").fill(await codeSentTo(next));
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page.getByRole("status")).toHaveText("手机号已换好，以后的短信会发到新号码。");
  await expect(
    page.getByText(`现在的手机号是 ${next.slice(0, 3)}****${next.slice(-4)}`),
  ).toBeVisible();

  await page.getByLabel(/开市前一天短信提醒我/).uncheck();
  await page.getByRole("button", { name: "保存提醒设置" }).click();
  await expect(page.getByRole("status")).toHaveText("提醒设置已保存。");
  await expect(page.getByLabel(/开市前一天短信提醒我/)).not.toBeChecked();
});
