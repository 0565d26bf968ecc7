import { accounts, expect, test } from "./fixtures";

test.describe("logging in and out", () => {
  test("a manager logs in, sees their markets, and logs out", async ({ page }) => {
    await page.goto("/manage");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmanage/);
    await page.getByLabel("手机号或邮箱").fill(accounts.managerLongquan);
    await page.getByLabel("密码").fill("Huguan-manager-2026");
    await page.getByRole("button", { name: "登录" }).click();

    await expect(page).toHaveURL(/\/manage$/);
    await expect(page.getByRole("heading", { level: 1, name: "集市管理" })).toBeVisible();
    await expect(page.getByText("已登录：张秀英")).toBeVisible();
    // Her three demo markets (journeys running beside this one may add markets of their own).
    for (const market of ["福馨社区", "水塔社区", "城北"])
      await expect(page.getByRole("rowheader", { name: new RegExp(market) })).not.toHaveCount(0);
    await expect(page.getByRole("rowheader", { name: /龙泉公园晚市/ })).toHaveCount(0);

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page.getByRole("status")).toHaveText("你已退出登录。");
    await page.goto("/manage");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a wrong password is refused with a message, and what was typed stays", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("手机号或邮箱").fill(accounts.office);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert")).toHaveText("手机号/邮箱或密码不对，请再试一次");
    await expect(page.getByLabel("手机号或邮箱")).toHaveValue(accounts.office);
  });

  test.describe("in English", () => {
    test.use({ locale: "en-US" });
    test("the refusal and the empty-field messages are in English", async ({ page }) => {
      await page.goto("/login");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByText("Enter your phone number or e-mail")).toBeVisible();
      await expect(page.getByText("Enter your password")).toBeVisible();
      await page.getByLabel("Phone or e-mail").fill("13900000001");
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("alert")).toHaveText(
        "That phone/e-mail and password do not match. Please try again.",
      );
    });
  });

  test("the office logs in by phone and oversees every market", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("手机号或邮箱").fill("139 0000 0001");
    await page.getByLabel("密码").fill("Huguan-office-2026");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("你可以查看全县所有集市。")).toBeVisible();
    // Every demo market, whoever runs it (journeys beside this one may add more).
    expect(await page.getByRole("table").getByRole("row").count()).toBeGreaterThanOrEqual(8);
    for (const market of ["福馨社区", "龙泉公园晚市", "太行街", "城东街", "集店乡"])
      await expect(page.getByRole("rowheader", { name: new RegExp(market) })).not.toHaveCount(0);
  });

  test("an approved vendor sees their status and products", async ({ page, login }) => {
    await login("vendor");
    await page.goto("/for-vendors");
    await expect(page.getByText("已通过审核", { exact: true })).toBeVisible();
    await expect(page.getByText("壶关旱地西红柿、黄瓜、青椒")).toBeVisible();
  });

  test("the pending vendor sees that they wait for review", async ({ page, login }) => {
    await login("pendingVendor");
    await page.goto("/for-vendors");
    await expect(page.getByText("待审核")).toBeVisible();
  });

  test("a vendor cannot open the management pages", async ({ page, login }) => {
    await login("vendor");
    const response = await page.goto("/manage");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "管理" }),
    ).toHaveCount(0);
  });

  test("after logging out, the old cookie opens nothing", async ({ page, context, login }) => {
    await login("managerParks");
    await page.goto("/manage");
    await expect(page.getByRole("heading", { level: 1, name: "集市管理" })).toBeVisible();
    const [old] = (await context.cookies()).filter((c) => c.name === "jishi_session");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page.getByRole("status")).toHaveText("你已退出登录。");

    await context.addCookies([old!]);
    await page.goto("/manage");
    await expect(page).toHaveURL(/\/login/);
  });
});
