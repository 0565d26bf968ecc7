// The installable app without signal (issue 19): a manager runs the day sheet offline and syncs
// it, conflicts included; a vendor's receipt opens offline; the pages kept for one person are
// not shown to the next. These journeys let the app's service worker run (playwright.config.ts
// blocks it elsewhere) and cut the browser's network with context.setOffline.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import QRCode from "qrcode";
import { createDb } from "../db/connect";
import { createApprovedVendor } from "../db/testing/factories";
import { expect, signInUser, test } from "./fixtures";
import { bookedAt, sessionRunningNow } from "./running-session";
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_SESSION_SECRET, launchOptions } from "./settings";
import { makeSessionCookie } from "../app/utils/session-cookie.server";

test.use({ serviceWorkers: "allow" });

/** The service worker runs this page, and has kept it (and what it loaded) for offline reading. */
async function keptOffline(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The first visit ran before the worker: it is kept at the page's request; a reload is the
  // worker's own. Either way the page's address is in its cache once kept.
  await expect
    .poll(() =>
      page.evaluate(async (href) => {
        const cache = await caches.open("jishi-pages-v1");
        const keys = await cache.keys();
        return keys.some((k) => new URL(k.url).pathname === new URL(href).pathname);
      }, page.url()),
    )
    .toBe(true);
}

test("a manager runs the day sheet offline: 10 check-ins (three by QR), fees and a walk-up are kept through a reload and recorded once when the network returns; two conflicts are shown and read", async ({
  page,
  login,
  newZone,
  pageAs,
  pageForUser,
}) => {
  test.setTimeout(120_000);
  const zone = await newZone({
    like: "chengdong-street-morning",
    name: "城东街离线早市",
    managers: ["managerParks"],
  });
  const db = createDb(E2E_DATABASE_URL);
  const names = [
    "郝家鲜蛋",
    "卢家青菜",
    "宁家土豆",
    "毕家豆角",
    "窦家南瓜",
    "聂家茄子",
    "柴家辣椒",
    "苗家菠菜",
    "栗家萝卜",
    "邢家黄瓜",
    "臧家白菜", // the fee another manager records meanwhile
    "庞家蒜苗", // cancels the booking meanwhile
  ];
  const vendors: { name: string; userId: number; code: string; bookingId: number }[] = [];
  let walkUp: { phone: string; vendorId: number };
  let running: Awaited<ReturnType<typeof sessionRunningNow>>;
  try {
    running = await sessionRunningNow(db, zone.zoneId);
    for (const [i, name] of names.entries()) {
      const vendor = await createApprovedVendor(db, "fresh_produce", { name });
      vendors.push({
        name,
        userId: vendor.userId,
        ...(await bookedAt(db, zone.slug, running, vendor.vendorId, i)),
      });
    }
    walkUp = await createApprovedVendor(db, "fresh_produce", { name: "祁家香菜" });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const v = (i: number) => vendors[i]!;

  // The first vendor's receipt, as the manager's phone photographs it.
  const vendorPage = await pageForUser(v(0).userId);
  await vendorPage.goto(`/vendor/bookings/${v(0).bookingId}`);
  const receiptQr = await vendorPage
    .getByRole("img", { name: `${v(0).code} 签到二维码` })
    .screenshot();

  await login("managerParks");
  const sheet = `/manage/zones/${zone.slug}/day?session=${encodeURIComponent(running.value)}`;
  await page.goto(sheet);
  await keptOffline(page);

  await page.context().setOffline(true);
  await expect(page.getByRole("note").filter({ hasText: "现在没有网络" })).toBeVisible();

  // Seven by the list.
  for (let i = 1; i <= 7; i++)
    await page.getByRole("button", { name: `${v(i).code} 签到` }).click();
  await expect(page.getByText("等待同步：7 项")).toBeVisible();

  // Two by a photo of the receipt's QR code: the vendor's own, and one printed from its address.
  const scanResult = page.locator(".scan-result");
  await page.getByLabel("拍收据二维码签到").setInputFiles({
    name: "receipt.png",
    mimeType: "image/png",
    buffer: receiptQr,
  });
  await expect(scanResult).toContainText(`扫到收据：${v(0).code} · ${v(0).name}（已确认）`);
  await scanResult.getByRole("button", { name: `${v(0).code} 签到` }).click();
  await page.getByLabel("拍收据二维码签到").setInputFiles({
    name: "receipt.png",
    mimeType: "image/png",
    buffer: await QRCode.toBuffer(`${E2E_BASE_URL}/manage/check-in/${v(8).bookingId}`, {
      width: 400,
    }),
  });
  await scanResult.getByRole("button", { name: `${v(8).code} 签到` }).click();
  // One scanned by the phone's camera, which opens the receipt's address: offline, the worker
  // opens the kept day sheet at that booking.
  await page.goto(`/manage/check-in/${v(9).bookingId}`);
  await expect(scanResult).toContainText(`${v(9).code} · ${v(9).name}`);
  await scanResult.getByRole("button", { name: `${v(9).code} 签到` }).click();
  await expect(page.getByText("等待同步：10 项")).toBeVisible();

  // Meanwhile, online: another manager records 臧家's fee; 庞家 cancels.
  const other = await pageAs("managerParks");
  await other.goto(sheet);
  await other.getByLabel(`${v(10).code} 实收金额（元）`).fill("5");
  await other.getByRole("button", { name: `记录 ${v(10).code} 收费` }).click();
  await expect(other.getByText("已保存")).toBeVisible();
  await db
    .updateTable("bookings")
    .set({ status: "cancelled" })
    .where("id", "=", v(11).bookingId)
    .execute();

  // Offline still: 庞家 checked in, three fees (臧家's unaware of the other), a walk-up.
  await page.getByRole("button", { name: `${v(11).code} 签到` }).click();
  for (const i of [1, 2, 10]) {
    await page.getByLabel(`${v(i).code} 实收金额（元）`).fill("3");
    await page.getByRole("button", { name: `记录 ${v(i).code} 收费` }).click();
  }
  const walkUpSection = page.getByRole("region", { name: "现场安排空摊位" });
  await walkUpSection.getByLabel("手机号或邮箱").fill(walkUp.phone);
  const freeStall = await walkUpSection
    .getByLabel("空摊位")
    .locator("option")
    .first()
    .textContent();
  await walkUpSection.getByRole("button", { name: "安排并签到" }).click();
  await expect(page.getByText("等待同步：15 项")).toBeVisible();

  // A reload without signal: the sheet is still there, with what waits.
  await page.reload();
  await expect(page.getByRole("heading", { name: "当天签到" })).toBeVisible();
  await expect(page.getByText("等待同步：15 项")).toBeVisible();
  await expect(page.getByText("待同步", { exact: true })).toHaveCount(12);

  // The network returns: everything is sent, each recorded once; two could not be.
  await page.context().setOffline(false);
  await expect(page.getByText("已同步 15 项：2 项没有记入")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/等待同步/)).toHaveCount(0);
  const problems = page.getByRole("region", { name: "没有记入的记录" });
  await expect(problems.getByRole("listitem")).toHaveCount(2);
  await expect(problems).toContainText(
    `${v(10).code} ${v(10).name} 收费 ¥3：没有记入。另一位管理员已记收费 ¥5，请和摊主当面核对`,
  );
  await expect(problems).toContainText(
    `${v(11).code} ${v(11).name} 签到：没有记入。摊主在你离线时取消了预订。`,
  );

  try {
    const rows = await db
      .selectFrom("bookings")
      .select(["id", "status", "fee_collected_fen", "vendor_id", "walk_up", "stall_id"])
      .where("zone_id", "=", zone.zoneId)
      .where("local_date", "=", running.localDate)
      .where("session_key", "=", running.key)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (let i = 0; i < 10; i++) expect(byId.get(v(i).bookingId)?.status).toBe("checked_in");
    expect(byId.get(v(11).bookingId)?.status).toBe("cancelled");
    expect(byId.get(v(1).bookingId)?.fee_collected_fen).toBe(300);
    expect(byId.get(v(2).bookingId)?.fee_collected_fen).toBe(300);
    expect(byId.get(v(10).bookingId)?.fee_collected_fen).toBe(500);
    const walkUps = rows.filter((r) => r.vendor_id === walkUp.vendorId);
    expect(walkUps).toHaveLength(1);
    expect(walkUps[0]).toMatchObject({ status: "checked_in", walk_up: 1 });
    // Each check-in once in the audit log.
    const audited = await db
      .selectFrom("audit_log")
      .select(["entity_id"])
      .where("action", "=", "booking.checkIn")
      .where("zone_id", "=", zone.zoneId)
      .execute();
    expect(audited).toHaveLength(10);
    expect(new Set(audited.map((a) => a.entity_id)).size).toBe(10);
  } finally {
    await db.destroy();
  }
  // The sheet shows the server's word now: the walk-up's stall among the checked in.
  await expect(page.getByText(freeStall!.split("（")[0]!, { exact: true })).toBeVisible();

  // Read, and gone.
  await problems.getByRole("button", { name: /^知道了：.*收费/ }).click();
  await problems.getByRole("button", { name: /^知道了：.*签到/ }).click();
  await expect(problems).toHaveCount(0);
});

test("a vendor's receipt opens without signal once seen, with its QR code", async ({
  loginNewVendor,
  newZone,
  page,
}) => {
  const zone = await newZone({
    like: "chengdong-street-morning",
    name: "城东街收据早市",
    managers: ["managerParks"],
  });
  const { vendorId } = await loginNewVendor({ name: "武家花生" });
  const db = createDb(E2E_DATABASE_URL);
  let booking: { code: string; bookingId: number };
  try {
    booking = await bookedAt(db, zone.slug, await sessionRunningNow(db, zone.zoneId), vendorId, 0);
  } finally {
    await db.destroy();
  }
  await page.goto(`/vendor/bookings/${booking.bookingId}`);
  await keptOffline(page);
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "预约凭证" })).toBeVisible();
  await expect(page.getByRole("img", { name: `${booking.code} 签到二维码` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "你现在离线" })).toBeVisible();
  // A page never opened says it needs the network, in the phone's language.
  await page.goto("/vendor/documents");
  await expect(page.getByRole("heading", { name: "现在没有网络" })).toBeVisible();
});

test("after logging out, or when someone else signs in on the phone, the pages kept for the first person are not shown offline", async ({
  loginNewVendor,
  newZone,
  page,
  context,
}) => {
  const zone = await newZone({
    like: "chengdong-street-morning",
    name: "城东街换人早市",
    managers: ["managerParks"],
  });
  const first = await loginNewVendor({ name: "谭家枣糕" });
  const db = createDb(E2E_DATABASE_URL);
  try {
    await bookedAt(db, zone.slug, await sessionRunningNow(db, zone.zoneId), first.vendorId, 0);
    await page.goto("/vendor/bookings");
    await expect(page.getByText("城东街换人早市").first()).toBeVisible();
    await keptOffline(page);

    // Logged out: offline, the bookings page is not the first vendor's.
    await page.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/login/);
    await context.setOffline(true);
    await page.goto("/vendor/bookings");
    await expect(page.getByRole("heading", { name: "现在没有网络" })).toBeVisible();
    await expect(page.getByText("城东街换人早市")).toHaveCount(0);
    await context.setOffline(false);

    // Signed in again, then someone else's session on the same phone without logging out.
    const cookie = makeSessionCookie([E2E_SESSION_SECRET]);
    const firstUser = await db
      .selectFrom("vendors")
      .select("user_id")
      .where("id", "=", first.vendorId)
      .executeTakeFirstOrThrow();
    await signInUser(db, cookie, context, firstUser.user_id);
    await page.goto("/vendor/bookings");
    await expect(page.getByText("城东街换人早市").first()).toBeVisible();
    await keptOffline(page);
    const second = await createApprovedVendor(db, "fresh_produce", { name: "葛家粉条" });
    await context.clearCookies();
    await signInUser(db, cookie, context, second.userId);
    await page.goto("/");
    await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
    await context.setOffline(true);
    await page.goto("/vendor/bookings");
    await expect(page.getByText("城东街换人早市")).toHaveCount(0);
    await expect(page.getByText("谭家枣糕")).toHaveCount(0);
  } finally {
    await db.destroy();
  }
});

test("the app can be installed: the browser finds no installability error", async () => {
  // In a profile of its own: a browser never offers to install from a private window.
  const profile = await mkdtemp(path.join(os.tmpdir(), "jishi-install-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    locale: "zh-CN",
    serviceWorkers: "allow",
  });
  try {
    const page = await context.newPage();
    await page.goto(`${E2E_BASE_URL}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => {
        const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
        return installabilityErrors.map((e) => e.errorId);
      })
      .toEqual([]);
    const { errors } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
