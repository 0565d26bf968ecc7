import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { codeSentTo } from "./outbox";

/** A phone number no other test uses. */
function freshPhone() {
  return `137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
}

function isoDaysFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A photo of a paper, as a vendor's phone would take it: here a rendered card, as PNG. */
async function certificatePhoto(page: Page, title: string) {
  const other = await page.context().newPage();
  await other.setViewportSize({ width: 420, height: 260 });
  await other.setContent(
    `<div style="font:20px sans-serif;padding:24px;border:6px double #b42318;height:200px">
       <h1 style="margin:0 0 12px">${title}</h1><p>壶关县疾病预防控制中心</p><p>No. 2026-0815</p></div>`,
  );
  const png = await other.screenshot();
  await other.close();
  return png;
}

async function signUp(page: Page, { name, category }: { name: string; category: string }) {
  const phone = freshPhone();
  await page.goto("/join");
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("设置密码").fill("Taihang-Market-7");
  await page.getByLabel("摊位名称").fill(name);
  await page.getByLabel("真实姓名或单位名称").fill("李明");
  await page.getByLabel("所在社区或村").fill("水塔社区");
  await page.getByLabel("经营品类").selectOption({ label: category });
  await page.getByLabel("卖什么").fill("香菇、平菇，自家大棚种的");
  await page.getByLabel("我已阅读并遵守集市规则").check();
  await page.getByRole("button", { name: "注册" }).click();
  // The number is proved with the code sent to it before the account opens.
  await expect(page.getByRole("heading", { level: 1, name: "验证手机号" })).toBeVisible();
  await expect(
    page.getByText(`验证码短信已发到 ${phone.slice(0, 3)}****${phone.slice(-4)}`),
  ).toBeVisible();
  await page.getByLabel("验证码").fill(await codeSentTo(phone));
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的摊位" })).toBeVisible();
  return { phone };
}

async function uploadPaper(
  page: Page,
  kind: string,
  expiresOn: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  await page.goto("/vendor/documents");
  await page.getByLabel("证件类型").selectOption({ label: kind });
  await page.getByLabel("有效期至").fill(expiresOn);
  await page.getByLabel("文件", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("证件已上传。");
  // A fresh form: nothing left in it to be sent a second time.
  await expect(page.getByLabel("有效期至")).toHaveValue("");
  await expect(page.getByLabel("文件", { exact: true })).toHaveValue("");
  await expect(
    page.getByLabel("证件类型").locator("option", { hasText: /（你需要，已上传）$/ }),
  ).not.toHaveCount(0);
}

async function openForReview(manager: Page, name: string) {
  await manager.goto("/manage/vendors");
  await manager.getByRole("link", { name }).click();
  await expect(manager.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("a vendor's verification", () => {
  test("sign up, upload papers, wait for review, get approved", async ({ page, pageAs }) => {
    const name = `小李鲜蘑菇${Date.now() % 10000}`;
    await signUp(page, { name, category: "生鲜果蔬" });
    await expect(page.getByText("注册成功！")).toBeVisible();
    await expect(page.getByText("待审核", { exact: true })).toBeVisible();
    await expect(page.getByText("还缺这些证件：")).toBeVisible();

    await uploadPaper(page, "健康证（你需要）", isoDaysFromNow(300), {
      name: "健康证.png",
      mimeType: "image/png",
      buffer: await certificatePhoto(page, "健康证"),
    });
    await uploadPaper(page, "身份证（你需要）", isoDaysFromNow(3000), {
      name: "身份证.png",
      mimeType: "image/png",
      buffer: await certificatePhoto(page, "居民身份证"),
    });
    await page.getByRole("link", { name: "我的摊位" }).click();
    await expect(page.getByText("需要的证件都齐了。")).toBeVisible();
    await expect(page.getByText("待审核", { exact: true })).toBeVisible();

    const manager = await pageAs("managerLongquan");
    await openForReview(manager, name);
    await expect(manager.getByRole("img", { name: "健康证" })).toBeVisible();
    await manager.getByRole("button", { name: "通过", exact: true }).click();
    await expect(manager.getByRole("status")).toHaveText("已保存，摊主会在消息里看到。");
    await expect(manager.getByText("审核通过")).toBeVisible(); // the history

    await page.reload();
    await expect(page.getByText("已通过审核", { exact: true })).toBeVisible();
    await expect(page.getByText("你的摊主申请已通过审核，现在可以预约摊位了。")).toBeVisible();
  });

  test("asked for changes, the vendor resubmits; then a rejection the vendor reads", async ({
    page,
    pageAs,
  }) => {
    const name = `张记凉皮${Date.now() % 10000}`;
    await signUp(page, { name, category: "熟食小吃" });

    const manager = await pageAs("managerParks");
    await openForReview(manager, name);
    await manager.getByLabel("需要摊主补充什么").fill("请上传健康证和食品经营许可证");
    await manager.getByRole("button", { name: "请摊主补充材料" }).click();
    await expect(manager.getByRole("status")).toBeVisible();

    await page.reload();
    await expect(page.getByText("需要补充材料", { exact: true })).toBeVisible();
    await expect(page.getByText("请上传健康证和食品经营许可证").first()).toBeVisible();
    await page.getByRole("button", { name: "重新提交审核" }).click();
    await expect(page.getByText("待审核", { exact: true })).toBeVisible();

    await openForReview(manager, name);
    await manager.getByLabel("不通过的原因").fill("经营地址不在本县，请到所在县市登记");
    await manager.getByRole("button", { name: "不通过" }).click();
    await expect(manager.getByRole("status")).toBeVisible();

    await page.reload();
    await expect(page.getByText("未通过", { exact: true })).toBeVisible();
    await expect(
      page.getByText("你的摊主申请没有通过：经营地址不在本县，请到所在县市登记"),
    ).toBeVisible();
  });

  test("a phone number is the vendor's only with the code: the account waits until then", async ({
    page,
  }) => {
    const phone = freshPhone();
    await page.goto("/join");
    await page.getByLabel("手机号").fill(phone);
    await page.getByLabel("设置密码").fill("Millet-And-Beans-7");
    await page.getByLabel("摊位名称").fill("韩家小米");
    await page.getByLabel("真实姓名或单位名称").fill("韩志刚");
    await page.getByLabel("所在社区或村").fill("店上村");
    await page.getByLabel("经营品类").selectOption({ label: "生鲜果蔬" });
    await page.getByLabel("卖什么").fill("自家种的小米、绿豆");
    await page.getByLabel("我已阅读并遵守集市规则").check();
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "验证手机号" })).toBeVisible();
    const first = await codeSentTo(phone);

    // Until the code is in, the account's pages wait here.
    await page.goto("/vendor/bookings");
    await expect(page.getByRole("heading", { level: 1, name: "验证手机号" })).toBeVisible();
    await page.getByLabel("验证码").fill("12345");
    await page.getByRole("button", { name: "确认" }).click();
    await expect(page.getByText("验证码是 6 位数字")).toBeVisible();
    await page.getByLabel("验证码").fill(first === "000000" ? "000001" : "000000");
    await page.getByRole("button", { name: "确认" }).click();
    await expect(page.getByText("验证码不对，还可以再试 4 次")).toBeVisible();

    // A new code: the first no longer works, the new one does, and the page asked for opens.
    await page.getByRole("button", { name: "重新发送验证码" }).click();
    await expect(page.getByRole("status")).toContainText("新的验证码已发到");
    const second = await codeSentTo(phone);
    if (second !== first) {
      await page.getByLabel("验证码").fill(first);
      await page.getByRole("button", { name: "确认" }).click();
      await expect(page.getByText(/验证码不对|验证码已过期/)).toBeVisible();
    }
    await page.getByLabel("验证码").fill(second);
    await page.getByRole("button", { name: "确认" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "我的预约" })).toBeVisible();
  });

  test("a paper that expires within 30 days shows a warning", async ({ page }) => {
    await signUp(page, { name: `老赵山货${Date.now() % 10000}`, category: "生鲜果蔬" });
    await uploadPaper(page, "健康证（你需要）", isoDaysFromNow(10), {
      name: "health.png",
      mimeType: "image/png",
      buffer: await certificatePhoto(page, "健康证"),
    });
    await expect(page.getByText("即将到期")).toBeVisible();
    await page.getByRole("link", { name: "我的摊位" }).click();
    await expect(page.getByRole("status").filter({ hasText: "健康证将于" })).toContainText(
      "请提前办理并上传新的",
    );
  });

  test("sign-up mistakes are explained beside the fields and what was typed stays", async ({
    page,
  }) => {
    await page.goto("/join");
    await page.getByLabel("摊位名称").fill("王家小卖");
    await page.getByLabel("设置密码").fill("password");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("手机号和邮箱至少填一个")).toBeVisible();
    await expect(page.getByText("这个密码太常见，容易被猜到，请换一个")).toBeVisible();
    await expect(page.getByText("需要同意集市规则才能注册")).toBeVisible();
    await expect(page.getByLabel("摊位名称")).toHaveValue("王家小卖");

    await page.getByLabel("手机号").fill("13800000001"); // a demo vendor's number
    await page.getByLabel("设置密码").fill("Taihang-Market-7");
    await page.getByLabel("真实姓名或单位名称").fill("王五");
    await page.getByLabel("经营品类").selectOption({ label: "日用百货" });
    await page.getByLabel("卖什么").fill("毛巾");
    await page.getByLabel("我已阅读并遵守集市规则").check();
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("这个手机号已经注册过了，可以直接登录")).toBeVisible();
  });

  test("a renamed file is refused with a message", async ({ page }) => {
    await signUp(page, { name: `测试百货${Date.now() % 10000}`, category: "日用百货" });
    await page.goto("/vendor/documents");
    await page.getByLabel("证件类型").selectOption({ label: "身份证（你需要）" });
    await page.getByLabel("有效期至").fill(isoDaysFromNow(400));
    await page.getByLabel("文件", { exact: true }).setInputFiles({
      name: "身份证.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300)]),
    });
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await expect(
      page.getByText("只能上传完整的 JPG、PNG 或 PDF 文件，这个文件不是或已损坏"),
    ).toBeVisible();
  });

  test("editing the products keeps the approval; changing the category sends it back to review", async ({
    page,
    loginNewVendor,
  }) => {
    await loginNewVendor({ name: "韩记冷鲜肉" });
    await page.goto("/vendor/profile");
    await page.getByLabel("卖什么").fill("猪肉、羊肉、牛肉（检疫合格）");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("status")).toHaveText("资料已保存。");
    await expect(page.getByText("已通过审核", { exact: true })).toBeVisible();

    await page.goto("/vendor/profile");
    await page.getByLabel("经营品类").selectOption({ label: "熟食小吃" });
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("status")).toContainText("需要管理员重新审核");
    await expect(page.getByText("待审核", { exact: true })).toBeVisible();
  });
});
