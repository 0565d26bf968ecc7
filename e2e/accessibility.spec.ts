// Every vendor and counter page, checked by axe (no serious or critical findings) in both
// languages, in the standard look and in large-text mode; large text at 360 px never scrolls
// sideways.
import type { Page } from "@playwright/test";
import { seriousFindings } from "./axe";
import { chooseAndBook, expect, test } from "./fixtures";
import { createDb } from "../db/connect";
import { E2E_BASE_URL, E2E_DATABASE_URL } from "./settings";

/** Wider than the screen: a page a phone would have to scroll sideways. */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("the large-text switch in the header enlarges the type and is remembered", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/markets");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await size()).toBe(16);
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.getByRole("button", { name: "大字模式" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  expect(await size()).toBeGreaterThanOrEqual(18);
  expect(
    await page.evaluate(() => parseFloat(getComputedStyle(document.body).lineHeight) / 18),
  ).toBeGreaterThanOrEqual(1.5);
  await page.goto("/");
  expect(await size()).toBeGreaterThanOrEqual(18);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "大字模式" }).click();
  expect(await size()).toBe(16);
});

for (const locale of ["zh-CN", "en"] as const)
  for (const elder of [false, true])
    test(`vendor and counter pages: axe finds nothing serious (${locale}, ${elder ? "large text at 360 px" : "standard"})`, async ({
      page,
      loginNewVendor,
      newZone,
      pageAs,
      context,
    }) => {
      test.setTimeout(120_000);
      const cookies = [
        { name: "jishi_lang", value: "", url: E2E_BASE_URL },
        ...(elder ? [{ name: "jishi_elder", value: "1", url: E2E_BASE_URL }] : []),
      ];
      const zone = await newZone({
        like: "shuita-community",
        name: `水塔社区北门集市${locale}${elder ? "大字" : ""}`,
        managers: ["managerLongquan"],
      });
      const vendor = await loginNewVendor({ name: `岳家杂粮${locale}${elder ? "大" : ""}` });
      // A booking first (in Chinese, the helper's words), so that its receipt can be checked too.
      await page.goto(`/book/${zone.slug}`);
      await chooseAndBook(page, "A-03");
      await expect(page.getByRole("status").first()).toBeVisible();
      const receipt = await page.getByRole("link", { name: "凭证" }).first().getAttribute("href");
      // The language cookie as the switch sets it (Remix's cookie encoding of the string).
      cookies[0]!.value = Buffer.from(JSON.stringify(locale)).toString("base64");
      await context.addCookies(cookies);
      if (elder) await page.setViewportSize({ width: 360, height: 780 });

      const findings: string[] = [];
      const overflow: string[] = [];
      const check = async (p: Page, path: string) => {
        await p.goto(path);
        await expect(p.locator("main")).toBeVisible();
        findings.push(...(await seriousFindings(p)));
        if (elder && (await sidewaysOverflow(p)) > 0) overflow.push(path);
      };
      for (const path of [
        "/vendor",
        "/vendor/documents",
        "/vendor/profile",
        "/vendor/prices",
        "/vendor/bookings",
        receipt!,
        "/book",
        `/book/${zone.slug}`,
      ])
        await check(page, path);
      // The confirmation of a chosen stall.
      await page.goto(`/book/${zone.slug}`);
      await page
        .getByRole("link", { name: /^(选|Choose) / })
        .first()
        .click();
      await expect(page.getByRole("button", { name: /^(确认预约|Yes, book) / })).toBeVisible();
      findings.push(...(await seriousFindings(page)));

      // The counter: its own page, a registration under way, and a vendor's page acting for them.
      const counter = await pageAs("counterJidian");
      await counter.context().addCookies(cookies);
      if (elder) await counter.setViewportSize({ width: 360, height: 780 });
      await check(counter, "/counter");
      await counter.getByLabel(/摊主的手机号|Vendor's mobile number/).fill("13599990000");
      await counter.getByRole("button", { name: /^(查找|Find)$/ }).click();
      await expect(counter.getByRole("heading", { level: 2 }).nth(1)).toBeVisible();
      findings.push(...(await seriousFindings(counter)));
      if (elder && (await sidewaysOverflow(counter)) > 0) overflow.push("/counter (register)");
      // This vendor signed the consent form: found by number, the counter acts for them at once.
      const db = createDb(E2E_DATABASE_URL);
      const clerk = await db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "counter.jidian@jishi.example")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("counter_consents")
        .values({
          vendor_id: vendor.vendorId,
          clerk_user_id: clerk.id,
          method: "signed_form",
          stored_name: null,
          content_type: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await db.destroy();
      await counter.goto("/counter");
      await counter.getByLabel(/摊主的手机号|Vendor's mobile number/).fill(vendor.phone);
      await counter.getByRole("button", { name: /^(查找|Find)$/ }).click();
      await expect(counter).toHaveURL(/\/vendor$/);
      findings.push(...(await seriousFindings(counter)));
      if (elder && (await sidewaysOverflow(counter)) > 0) overflow.push("/vendor (acting)");

      expect(findings).toEqual([]);
      expect(overflow).toEqual([]);
    });

test("in large text at 360 px, public, manager and office pages never scroll sideways", async ({
  page,
  context,
  pageAs,
}) => {
  test.setTimeout(120_000);
  const elder = [{ name: "jishi_elder", value: "1", url: E2E_BASE_URL }];
  await context.addCookies(elder);
  const wide: string[] = [];
  const visit = async (p: Page, paths: string[]) => {
    await p.setViewportSize({ width: 360, height: 780 });
    for (const path of paths) {
      await p.goto(path);
      if ((await sidewaysOverflow(p)) > 0) wide.push(path);
    }
  };
  await visit(page, [
    "/",
    "/markets",
    "/markets/fuxin-community",
    "/markets/fuxin-community/report",
    "/search?q=西红柿",
    "/for-vendors",
    "/join",
    "/login",
    "/forgot-password",
    "/reports",
  ]);
  const manager = await pageAs("managerLongquan");
  await manager.context().addCookies(elder);
  await visit(manager, [
    "/manage",
    "/manage/zones/fuxin-community",
    "/manage/zones/fuxin-community/day",
    "/manage/zones/fuxin-community/inspections",
    "/manage/zones/fuxin-community/announcements",
    "/manage/zones/fuxin-community/ballots",
    "/manage/vendors",
    "/manage/reports",
    "/manage/figures",
  ]);
  const office = await pageAs("office");
  await office.context().addCookies(elder);
  await visit(office, ["/manage/audit", "/manage/staff", "/manage/layouts"]);
  expect(wide).toEqual([]);
});

for (const locale of ["zh-CN", "en"] as const)
  test(`every public page: axe finds nothing serious at 360 and 1280 px (${locale})`, async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    await context.addCookies([
      {
        name: "jishi_lang",
        value: Buffer.from(JSON.stringify(locale)).toString("base64"),
        url: E2E_BASE_URL,
      },
    ]);
    await page.goto("/search?q=西红柿");
    const vendorPage = await page
      .getByRole("link", { name: /王桂兰|Wang Guilan/ })
      .first()
      .getAttribute("href");
    const findings: string[] = [];
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
      for (const path of [
        "/",
        "/markets",
        "/markets/fuxin-community",
        "/markets/fuxin-community/report",
        "/markets/fuxin-community/poster",
        "/search?q=西红柿",
        vendorPage!,
        "/for-vendors",
        "/join",
        "/login",
        "/forgot-password",
        "/reports",
        "/ballots",
        "/ballots/b-chunjie-2026",
        "/ballots/verify",
      ]) {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        findings.push(...(await seriousFindings(page)).map((f) => `${width}px ${f}`));
      }
    }
    expect(findings).toEqual([]);
  });
