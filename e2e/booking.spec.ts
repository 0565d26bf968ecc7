// Each journey books as vendors of its own (fixtures: loginNewVendor, newVendorPage) at a market
// of its own (newZone), so that journeys running in parallel, in any order, never share a
// vendor's bookings, weekly quota or waiting list, nor a stall.
import { createDb } from "../db/connect";
import { createBigZone } from "../db/testing/big-zone";
import { stallsTaking } from "../db/testing/factories";
import { localMoment } from "../app/domain/market-hours";
import { chooseAndBook, expect, test } from "./fixtures";
import { smsTo } from "./outbox";
import { sessionRunningNow } from "./running-session";
import { E2E_DATABASE_URL } from "./settings";

test.describe("booking a stall", () => {
  test("a vendor books a free stall on the map, sees it in My bookings, and cancels it", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "fuxin-community",
      name: "福馨社区西门市场",
      managers: ["managerLongquan"],
    });
    await loginNewVendor({ name: "周家小番茄" });
    await page.goto("/vendor");
    await page.getByRole("link", { name: "预约摊位" }).click();
    await page.getByRole("link", { name: zone.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: zone.name })).toBeVisible();

    const stall = page
      .getByRole("listitem")
      .filter({ has: page.getByText("A-02", { exact: true }) });
    await expect(stall.getByText("空闲")).toBeVisible();
    const session = await page.getByLabel("场次", { exact: true }).inputValue();
    // Choose the stall on the map: its confirmation says what the booking will be, and only
    // its button books.
    const map = page.getByRole("region", { name: "摊位图" });
    await map.getByRole("button", { name: "A-02 · 空闲，适合你" }).click();
    const confirm = page.getByRole("region", { name: "要预约 A-02 吗？" });
    await expect(confirm).toBeFocused();
    await expect(confirm).toContainText("¥5（到场签到时交）");
    // The session may be tomorrow morning, inside the 24-hour notice already.
    await expect(confirm).toContainText(
      /(之前取消不受影响；之后（开市前 24 小时内）取消记为迟取消|离开市已不到 24 小时：订了以后再取消，都记为迟取消)/,
    );
    await page.keyboard.press("Tab");
    await expect(confirm.getByRole("button", { name: "确认预约 A-02" })).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(page.getByRole("heading", { level: 1, name: "我的预约" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");
    const booking = page.getByRole("listitem").filter({ hasText: `${zone.name} · A-02` });
    await expect(booking.getByText("已确认")).toBeVisible();
    await expect(booking).toContainText("¥5");

    // Residents see the vendor at that stall on the market page.
    await page.goto(`/markets/${zone.slug}?session=${encodeURIComponent(session)}`);
    await expect(page.getByRole("region", { name: "生鲜果蔬" })).toContainText("A-02 周家小番茄");
    await expect(
      page.getByRole("region", { name: "摊位图" }).getByRole("img", { name: "A-02 · 周家小番茄" }),
    ).toBeAttached();
    await page.goto("/vendor/bookings");

    // Cancelling asks first, and says whether it is free or late now (the session may be
    // tomorrow morning, inside the 24-hour notice), and from when.
    await booking.getByRole("link", { name: "取消预约" }).click();
    await expect(booking.getByRole("alert")).toHaveText(/现在取消(不算|会记为)迟取消/);
    await booking.getByRole("link", { name: "不取消了" }).click();
    await expect(booking.getByRole("alert")).toHaveCount(0);
    await booking.getByRole("link", { name: "取消预约" }).click();
    await booking.getByRole("button", { name: "确认取消" }).click();
    await expect(page.getByRole("status")).toContainText("已取消预约");
    await expect(
      page
        .getByRole("listitem")
        .filter({ hasText: `${zone.name} · A-02` })
        .getByText("已取消"),
    ).toBeVisible();
  });

  test("a stall taken a moment ago is refused, with free stalls nearby offered instead", async ({
    page,
    loginNewVendor,
    newVendorPage,
    newZone,
  }) => {
    const zone = await newZone({
      like: "shuita-community",
      name: "水塔社区南门早晚市",
      managers: ["managerLongquan"],
    });
    await loginNewVendor({ name: "柳家时令蔬菜" });
    await page.goto(`/book/${zone.slug}`);
    const wanted = page
      .getByRole("listitem")
      .filter({ has: page.getByText("A-05", { exact: true }) });
    await expect(wanted.getByText("空闲")).toBeVisible();
    const heading = page.getByRole("heading", { level: 2 });
    const freeBefore = Number(/空摊位 (\d+) 个/.exec((await heading.textContent())!)![1]);
    await wanted.getByRole("link", { name: "选 A-05" }).click();
    await expect(page.getByRole("region", { name: "要预约 A-05 吗？" })).toBeVisible();

    // Another vendor books A-05 for the same session while the confirmation is open.
    const { page: other } = await newVendorPage({ name: "岳家菌菇" });
    await other.goto(`/book/${zone.slug}`);
    await chooseAndBook(other, "A-05");
    await expect(other.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");

    await page.getByRole("button", { name: "确认预约 A-05" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("这个摊位刚刚被别人预约了。");
    await expect(alert).toContainText("这些摊位还空着，也适合你：");
    // The page now shows what happened: A-05 taken, one free stall fewer.
    await expect(wanted.getByText("已被预约")).toBeVisible();
    await expect(wanted.getByRole("link", { name: "选 A-05" })).toHaveCount(0);
    await expect(heading).toContainText(`空摊位 ${freeBefore - 1} 个`);
    await alert
      .getByRole("link", { name: /选 A-0[46]/ })
      .first()
      .click();
    await page.getByRole("button", { name: /确认预约 A-0[46]/ }).click();
    await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");
    await expect(
      page.getByRole("listitem").filter({ hasText: new RegExp(`${zone.name} · A-0[46]`) }),
    ).toBeVisible();
  });

  test("a weekly booking across four weeks, and cancelling the rest of it", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "jidian-rural-produce",
      name: "集店乡西街集市",
      managers: ["managerParks"],
    });
    await loginNewVendor({ name: "申家小米" });
    await page.goto(`/book/${zone.slug}`);
    await page.getByLabel("每周重复").selectOption({ label: "连续 4 周" });
    await page.getByRole("button", { name: "查看" }).click();
    // Wait for the page with the weekly choice before pressing a button on it.
    await expect(page).toHaveURL(/weeks=4/);
    await page.getByRole("link", { name: "选 A-10" }).click();
    await expect(page.getByRole("region", { name: "要预约 A-10 吗？" })).toContainText("连续 4 周");
    await page.getByRole("button", { name: "确认预约 A-10" }).click();
    await expect(page.getByRole("status")).toContainText("每周预约：4 周中订上了 4 周。");

    await page.getByRole("link", { name: "我的预约", exact: true }).click();
    const series = page.getByRole("listitem").filter({ hasText: `${zone.name} · A-10` });
    await expect(series).toHaveCount(4);
    await expect(series.first().getByText("每周预约", { exact: true })).toBeVisible();
    await series.first().getByRole("link", { name: "取消预约" }).click();
    await series.first().getByRole("button", { name: "取消这一天及以后的每周预约" }).click();
    await expect(page.getByRole("status")).toHaveText("已取消 4 个每周预约。");
  });

  test("the receipt's code checks the vendor in when the manager scans it", async ({
    page,
    loginNewVendor,
    pageAs,
    newZone,
  }) => {
    const zone = await newZone({
      like: "chengdong-street-morning",
      name: "城东街南段早市",
      managers: ["managerParks"],
    });
    await loginNewVendor({ name: "郝家豆腐" });
    await page.goto(`/book/${zone.slug}`);
    await chooseAndBook(page, "A-20");
    await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");
    await page
      .getByRole("listitem")
      .filter({ hasText: `${zone.name} · A-20` })
      .getByRole("link", { name: "凭证" })
      .click();
    await expect(page.getByRole("img", { name: "A-20 签到二维码" })).toBeVisible();
    const bookingId = new URL(page.url()).pathname.split("/").pop();

    // The QR code holds the address of this page: the manager's camera opens it. Scanned before
    // the session's check-in opens, it says when it does.
    const manager = await pageAs("managerParks");
    await manager.goto(`/manage/check-in/${bookingId}`);
    await manager.getByRole("button", { name: "A-20 签到" }).click();
    await expect(manager.getByRole("alert")).toHaveText(
      /^还没到签到时间：\d{1,2}:\d{2} 开始签到和现场安排。$/,
    );

    // On the day, while the market runs, the same scan checks the vendor in.
    const db = createDb(E2E_DATABASE_URL);
    try {
      const running = await sessionRunningNow(db, zone.zoneId);
      await db
        .updateTable("bookings")
        .set({
          local_date: running.localDate,
          session_key: running.key,
          starts_at: running.startsAt,
          ends_at: running.endsAt,
        })
        .where("id", "=", Number(bookingId))
        .execute();
    } finally {
      await db.destroy();
    }
    await manager.reload();
    await manager.getByRole("button", { name: "A-20 签到" }).click();
    await expect(manager.getByRole("heading", { level: 1, name: "当天签到" })).toBeVisible();
    await expect(
      manager.getByRole("listitem").filter({ hasText: "A-20" }).getByText("已签到"),
    ).toBeVisible();
  });

  test("a vendor joins the waiting list and is offered the stall when the other vendor cancels", async ({
    page,
    loginNewVendor,
    newVendorPage,
    newZone,
  }) => {
    const zone = await newZone({
      like: "longquan-park-evening",
      name: "龙泉公园北门晚市",
      managers: ["managerParks"],
    });
    const { phone } = await loginNewVendor({ name: "牛家鲜果" });
    await page.goto(`/book/${zone.slug}`);
    const wanted = page
      .getByRole("listitem")
      .filter({ has: page.getByText("C-01", { exact: true }) });
    await expect(wanted.getByText("空闲")).toBeVisible();

    const { page: other } = await newVendorPage({ name: "常家菜园" });
    await other.goto(`/book/${zone.slug}`);
    await chooseAndBook(other, "C-01");
    await expect(other.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");

    // Chosen on a page drawn before: the vendor hears it is gone, and may wait for it.
    await wanted.getByRole("link", { name: "选 C-01" }).click();
    await expect(page.getByRole("region", { name: "C-01 现在订不了" })).toContainText(
      "这个摊位刚刚被别人预约了。",
    );
    await page.getByRole("button", { name: "排队等空位（有人取消时通知我）" }).click();
    await expect(page.getByRole("status")).toContainText("已排上队");
    await expect(page.getByRole("region", { name: "候补排队" })).toContainText("等 C-01");

    await other
      .getByRole("listitem")
      .filter({ hasText: `${zone.name} · C-01` })
      .getByRole("link", { name: "取消预约" })
      .click();
    await other.getByRole("button", { name: "确认取消" }).click();
    await expect(other.getByRole("status")).toContainText("已取消预约");

    // The offer reaches the phone at once, with a link that opens it.
    const [offer] = await smsTo(phone);
    expect(offer).toMatchObject({ kind: "waitlist_offer" });
    expect(offer!.body).toContain(`${zone.name}`);
    expect(offer!.body).toMatch(/的 C-01 号摊位空出来了，为您保留到 .+，点 http\S+\/o\/\d+ 确认。/);
    await page.goto(new URL(/http\S+\/o\/\d+/.exec(offer!.body)![0]).pathname);
    const waitlist = page.getByRole("region", { name: "候补排队" });
    await expect(waitlist).toContainText("C-01 空出来了，为你保留到");
    await waitlist.getByRole("button", { name: "要 C-01" }).click();
    await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");
    await expect(
      page
        .getByRole("listitem")
        .filter({ hasText: `${zone.name} · C-01` })
        .getByText("已确认"),
    ).toBeVisible();
  });

  test("a cancellation that will count as late asks first and says so", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "fuxin-community",
      name: "富新社区南区集市",
      managers: ["managerLongquan"],
    });
    const { vendorId } = await loginNewVendor({ name: "柴家馒头" });
    // A booking that starts in two hours: inside the 24-hour notice.
    const db = createDb(E2E_DATABASE_URL);
    const [stall] = await stallsTaking(db, zone.slug, "fresh_produce");
    const startsAt = new Date(Date.now() + 2 * 3_600_000);
    await db
      .insertInto("bookings")
      .values({
        zone_id: zone.zoneId,
        stall_id: stall!.id,
        vendor_id: vendorId,
        local_date: localMoment(startsAt, "Asia/Shanghai").date,
        session_key: "t999999",
        starts_at: startsAt.toISOString(),
        ends_at: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        status: "confirmed",
        fee_fen: 500,
        idempotency_key: `late-${vendorId}`,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    await db.destroy();

    await page.goto("/vendor/bookings");
    const booking = page.getByRole("listitem").filter({ hasText: `${zone.name} · ${stall!.code}` });
    await expect(booking).toContainText("现在取消会记为迟取消。");
    await booking.getByRole("link", { name: "取消预约" }).click();
    await expect(booking.getByRole("alert")).toContainText(
      "现在取消会记为迟取消：开市前 24 小时内",
    );
    await expect(booking.getByRole("button", { name: "确认取消" })).toBeFocused();
    await booking.getByRole("button", { name: "确认取消" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "已取消预约。因为离开市不到规定时间，这次记为迟取消。",
    );
  });

  test("Enter on a stall of the map chooses it and never books it", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "fuxin-community",
      name: "富新社区东区集市",
      managers: ["managerLongquan"],
    });
    await loginNewVendor({ name: "郝家豆芽" });
    await page.goto(`/book/${zone.slug}`);
    const stall = page.getByRole("region", { name: "摊位图" }).getByRole("button", {
      name: /^A-01 · 空闲/,
    });
    await stall.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region", { name: "要预约 A-01 吗？" })).toBeFocused();
    // Nothing was booked: no success, and the vendor has no booking.
    await page.waitForTimeout(500);
    await expect(page.getByText(/预约成功/)).toHaveCount(0);
    await page.goto("/vendor/bookings");
    await expect(page.getByText(`${zone.name} · A-01`)).toHaveCount(0);
  });

  test("booking by keyboard alone: past the map by its skip link, in 25 key presses or fewer", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "fuxin-community",
      name: "富新社区北区集市",
      managers: ["managerLongquan"],
    });
    await loginNewVendor({ name: "冯家鸡蛋" });
    await page.goto(`/book/${zone.slug}`);
    let presses = 0;
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
      });
    /** Tab until the element in focus is named `name`, as a keyboard user would. */
    const tabTo = async (name: RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        presses += 1;
        if (name.test(await focused())) return;
      }
      throw new Error(`never reached ${name}`);
    };
    await tabTo(/^跳过地图/);
    await page.keyboard.press("Enter");
    presses += 1;
    await tabTo(/^选 /);
    const code = (await focused()).replace("选 ", "");
    await page.keyboard.press("Enter");
    presses += 1;
    await expect(page.getByRole("region", { name: `要预约 ${code} 吗？` })).toBeFocused();
    await tabTo(/^确认预约/);
    await page.keyboard.press("Enter");
    presses += 1;
    await expect(page.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");
    test.info().annotations.push({ type: "key presses", description: String(presses) });
    expect(presses).toBeLessThanOrEqual(25);
  });

  test("a vendor at the weekly limit sees why before pressing anything, and no stall to choose", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "fuxin-community",
      name: "富新社区西区集市",
      managers: ["managerLongquan"],
    });
    const { vendorId } = await loginNewVendor({ name: "范家水果" });
    await page.goto(`/book/${zone.slug}`);
    const session = await page.getByLabel("场次", { exact: true }).inputValue();
    const [date] = session.split("|");
    // Six sessions booked elsewhere in the same week (Monday to Sunday), the weekly most.
    const monday = new Date(`${date}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const days = Array.from({ length: 7 }, (_, i) =>
      new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10),
    ).filter((d) => d !== date);
    const db = createDb(E2E_DATABASE_URL);
    const stalls = await stallsTaking(db, zone.slug, "fresh_produce");
    const at = new Date().toISOString();
    await db
      .insertInto("bookings")
      .values(
        days.map((day, i) => ({
          zone_id: zone.zoneId,
          stall_id: stalls[i]!.id,
          vendor_id: vendorId,
          local_date: day,
          session_key: "t999999",
          starts_at: `${day}T01:00:00.000Z`,
          ends_at: `${day}T04:00:00.000Z`,
          status: "confirmed" as const,
          fee_fen: 500,
          idempotency_key: `week-${vendorId}-${day}`,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await db.destroy();

    await page.goto(`/book/${zone.slug}?session=${encodeURIComponent(session)}`);
    await expect(page.getByRole("status")).toContainText("每周最多预约 6 场，这周已经约满了。");
    await expect(page.getByRole("link", { name: /^选 / })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "看我的预约" })).toBeVisible();
    await expect(page.getByLabel("场次", { exact: true }).locator("option:checked")).toContainText(
      "（这周已约满）",
    );
  });

  test("on a phone the stall map opens close enough that a stall can be tapped", async ({
    page,
    loginNewVendor,
    newZone,
  }) => {
    const zone = await newZone({
      like: "fuxin-community",
      name: "富新社区南门集市",
      managers: ["managerLongquan"],
    });
    await loginNewVendor({ name: "葛家青菜" });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`/book/${zone.slug}`);
    const stall = page
      .getByRole("region", { name: "摊位图" })
      .getByRole("button", { name: /· 空闲，适合你$/ })
      .first();
    await expect(stall).toBeVisible();
    const box = (await stall.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await stall.click();
    await expect(page.getByRole("region", { name: /^要预约 .+ 吗？$/ })).toBeVisible();
  });

  test("in a market of hundreds of stalls, a stall chosen on the map opens its page of the list", async ({
    page,
    loginNewVendor,
  }) => {
    // 300 stalls in six rows; the three of fresh produce (A, C, E) fit this vendor: two pages.
    const db = createDb(E2E_DATABASE_URL);
    const slug = `big-${process.pid}-${Date.now()}`;
    await createBigZone(db, { slug, rows: 6, perRow: 50, east: 4700, north: 1000 });
    await db.destroy();
    await loginNewVendor({ name: "贾家山货" });
    await page.goto(`/book/${slug}`);
    const pager = page.getByRole("navigation", { name: "摊位列表分页" });
    await expect(pager).toContainText("第 1–100 个，共 150 个摊位");
    await expect(page.getByRole("link", { name: "选 E-40" })).toHaveCount(0);

    await page
      .getByRole("region", { name: "摊位图" })
      .getByRole("button", { name: "E-40 · 空闲，适合你" })
      .click();
    await expect(pager).toContainText("第 101–150 个，共 150 个摊位");
    await expect(page.getByRole("region", { name: "要预约 E-40 吗？" })).toBeFocused();
    await expect(page.getByRole("link", { name: "选 E-40" })).toBeVisible();
    await pager.getByRole("link", { name: "上一页" }).click();
    await expect(pager).toContainText("第 1–100 个");
  });

  test("a vendor waiting for review is told they cannot book yet", async ({ page, login }) => {
    await login("pendingVendor");
    await page.goto("/vendor");
    await expect(page.getByRole("link", { name: "预约摊位" })).toHaveCount(0);
    // Even straight at the booking page, the rule holds, and it is said before anything is pressed.
    await page.goto("/book/fuxin-community");
    await expect(page.getByRole("status")).toContainText("审核通过后才能预约摊位。");
    await expect(page.getByRole("link", { name: /^选 / })).toHaveCount(0);
  });
});
