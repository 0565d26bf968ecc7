// The integrity record (诚信记录): an inspector's finding at a stall costs the vendor booked there
// points; the vendor appeals; the county office upholds it and the points come back. A vendor
// who traded last quarter without losing a point carries the 诚信摊主 mark on their page and on
// the stall's card.
import { createDb } from "../db/connect";
import { stallByCode } from "../db/testing/factories";
import { bookStall, newIdempotencyKey } from "../app/models/booking.server";
import { checkIn } from "../app/models/market-day.server";
import { createReport } from "../app/models/report.server";
import { loadZoneCalendar, upcomingSessions } from "../app/models/zone-calendar.server";
import { addDays } from "../app/domain/calendar";
import { previousQuarter, quarterDates, quarterOf } from "../app/domain/integrity";
import { localMoment } from "../app/domain/market-hours";
import { seriousFindings } from "./axe";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL } from "./settings";

type Db = ReturnType<typeof createDb>;

/** Books a session the day before it starts, and checks the vendor in five minutes after. */
async function traded(
  db: Db,
  {
    zoneId,
    vendorId,
    stall,
    session,
  }: {
    zoneId: number;
    vendorId: number;
    stall: number;
    session: { localDate: string; key: string; startsAt: string };
  },
) {
  const start = Date.parse(session.startsAt);
  const made = await bookStall(
    db,
    {
      vendorId,
      stallId: stall,
      localDate: session.localDate,
      sessionKey: session.key,
      idempotencyKey: newIdempotencyKey(),
    },
    new Date(start - 86_400_000),
  );
  if (!made.ok) throw new Error(JSON.stringify(made));
  const manager = await db
    .selectFrom("zone_managers")
    .select("user_id")
    .where("zone_id", "=", zoneId)
    .executeTakeFirstOrThrow();
  await checkIn(db, {
    zoneId,
    bookingId: made.booking.id,
    actorUserId: manager.user_id,
    now: new Date(start + 300_000),
  });
}

test("an inspection finding costs points; the vendor appeals, the office upholds it, the points come back", async ({
  pageAs,
  newZone,
  newVendorPage,
}) => {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const zone = await newZone({
      like: "fuxin-community",
      name: "福馨社区诚信市场",
      managers: ["managerLongquan"],
    });
    const { page: vendor, vendorId } = await newVendorPage({ name: "东关赵家蔬菜" });
    // The vendor traded at A-05 in the last session that is over.
    const now = new Date();
    const calendar = (await loadZoneCalendar(db, zone.zoneId))!;
    const today = localMoment(now, calendar.timeZone).date;
    const session = upcomingSessions(calendar, addDays(today, -6), today)
      .filter((s) => Date.parse(s.endsAt) < now.getTime())
      .at(-1)!;
    await traded(db, {
      zoneId: zone.zoneId,
      vendorId,
      stall: (await stallByCode(db, zone.zoneId, "A-05")).id,
      session,
    });

    // The inspector records what they found at A-05 in that session.
    const manager = await pageAs("managerLongquan");
    await manager.goto(`/manage/zones/${zone.slug}/inspections`);
    await manager.getByLabel("检查日期").fill(session.localDate);
    await manager.getByLabel("检查的场次").selectOption(session.key);
    // A stall nobody held is refused beside the findings, and what was typed stays.
    await manager.getByLabel("第 1 条 摊位号").fill("A-30");
    await manager
      .getByLabel("第 1 条 问题")
      .selectOption({ label: "安全隐患（用火用电、占用通道）" });
    await manager.getByLabel("第 1 条 说明").fill("煤气罐放在通道上");
    await manager.getByRole("button", { name: "保存检查记录" }).click();
    await expect(manager.getByText("这一场 A-30 没有摊主预约，请核对摊位号。")).toBeVisible();
    await expect(manager.getByLabel("第 1 条 说明")).toHaveValue("煤气罐放在通道上");
    await manager.getByLabel("第 1 条 摊位号").fill("a-05");
    await manager.getByRole("button", { name: "保存检查记录" }).click();
    await expect(manager.getByRole("status")).toContainText("检查记录已保存");
    await expect(manager.getByText("A-05：安全隐患（用火用电、占用通道）")).toBeVisible();

    // The vendor reads it, with its source, and appeals; too short an appeal is refused.
    await vendor.goto("/vendor");
    await expect(vendor.getByText("本季度还剩 8 分")).toBeVisible();
    await vendor.getByRole("link", { name: "诚信记录" }).click();
    await expect(vendor.getByRole("heading", { name: /还剩 8 分/ })).toBeVisible();
    const record = vendor
      .getByRole("region", { name: "全部记录" })
      .getByRole("listitem")
      .filter({ hasText: "安全隐患" });
    await expect(record.getByText("扣 4 分")).toBeVisible();
    await expect(record.getByText(/来源：.*的检查，摊位 A-05/)).toBeVisible();
    await expect(record.getByText("煤气罐放在通道上")).toBeVisible();
    await expect(vendor.getByRole("list", { name: "扣分规则" })).toContainText("没有明码标价");
    await record.getByText("对这条记录申诉").click();
    await record.getByLabel("为什么这条记录不对？").fill("我");
    await record.getByRole("button", { name: "提交申诉" }).click();
    await expect(record.getByRole("alert")).toHaveText("请写 2 到 500 个字。");
    await record
      .getByLabel("为什么这条记录不对？")
      .fill("那是隔壁摊位的煤气罐，我卖的是蔬菜，不用火。");
    await record.getByRole("button", { name: "提交申诉" }).click();
    await expect(vendor.getByRole("status")).toHaveText("申诉已提交，县市场办处理后会通知你。");
    await expect(record.getByText(/已申诉，等县市场办处理/)).toBeVisible();

    // The county office upholds the appeal.
    const office = await pageAs("office");
    await office.goto("/manage/integrity");
    const appeal = office
      .getByRole("region", { name: "待处理的申诉" })
      .getByRole("listitem")
      .filter({ hasText: "东关赵家蔬菜" });
    await expect(appeal.getByText(/不用火/)).toBeVisible();
    expect(await seriousFindings(office)).toEqual([]);
    await appeal
      .getByLabel("处理意见（摊主会看到）")
      .fill("核实：煤气罐是隔壁熟食摊的，恢复分数。");
    await appeal.getByRole("button", { name: "申诉成立，恢复分数" }).click();
    await expect(office.getByRole("status")).toHaveText("已处理，摊主已收到通知。");

    await vendor.reload();
    await expect(vendor.getByRole("heading", { name: /还剩 12 分/ })).toBeVisible();
    await expect(record.getByText("申诉成立，已恢复")).toBeVisible();
    await expect(record.getByText(/核实：煤气罐是隔壁熟食摊的/)).toBeVisible();
    expect(await seriousFindings(vendor)).toEqual([]);
  } finally {
    await db.destroy();
  }
});

test("a quarter traded without losing a point earns the 诚信摊主 mark, on the vendor's page and the stall's card", async ({
  page,
  newZone,
  loginNewVendor,
}) => {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const zone = await newZone({
      like: "fuxin-community",
      name: "福馨社区标志市场",
      managers: ["managerLongquan"],
    });
    const { vendorId } = await loginNewVendor({ name: "西岭村白家小米" });
    const stall = (await stallByCode(db, zone.zoneId, "A-07")).id;
    const calendar = (await loadZoneCalendar(db, zone.zoneId))!;
    const now = new Date();
    const today = localMoment(now, calendar.timeZone).date;
    const { last } = quarterDates(previousQuarter(quarterOf(today)));
    // Two sessions last quarter, and the next one still to come.
    for (const session of upcomingSessions(calendar, addDays(last, -10), last).slice(-2))
      await traded(db, { zoneId: zone.zoneId, vendorId, stall, session });
    const next = upcomingSessions(calendar, addDays(today, 1), addDays(today, 7))[0]!;
    const booked = await bookStall(
      db,
      {
        vendorId,
        stallId: stall,
        localDate: next.localDate,
        sessionKey: next.key,
        idempotencyKey: newIdempotencyKey(),
      },
      now,
    );
    expect(booked.ok).toBe(true);

    const quarter = `${last.slice(0, 4)} 年第 ${Math.ceil(Number(last.slice(5, 7)) / 3)} 季度`;
    await page.goto("/vendor");
    await expect(page.getByText(`诚信摊主 · ${quarter}`)).toBeVisible();
    await page.goto(`/vendors/${vendorId}`);
    await expect(page.getByText(`诚信摊主 · ${quarter}`)).toBeVisible();
    await page.goto(`/s/${zone.zoneId}-A-07?session=${next.localDate}|${next.key}`);
    await expect(page.getByRole("link", { name: "西岭村白家小米", exact: true })).toBeVisible();
    await expect(page.getByText(`诚信摊主 · ${quarter}`)).toBeVisible();
  } finally {
    await db.destroy();
  }
});

test("a report made from a stall's card, upheld by the manager, goes on the vendor's record with its source", async ({
  pageAs,
  newZone,
  newVendorPage,
}) => {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const zone = await newZone({
      like: "fuxin-community",
      name: "福馨社区反映市场",
      managers: ["managerLongquan"],
    });
    const { page: vendor, vendorId } = await newVendorPage({ name: "南关钱家水果" });
    const report = await createReport(
      db,
      {
        zoneId: zone.zoneId,
        category: "prices_weights",
        description: "买了两斤苹果，回家一称只有一斤七两。",
        photo: null,
        position: null,
        contact: null,
        userId: null,
        about: { stallCode: "A-02", session: null, vendor: { id: vendorId } },
      },
      new Date(),
    );
    const manager = await pageAs("managerLongquan");
    await manager.goto(`/manage/reports/${report.id}`);
    await manager.getByLabel("答复（反映人能看到）").fill("已核实，秤不准，当场校正并退还差价。");
    await manager.getByLabel("属实：南关钱家水果 有责任（记入诚信记录）").check();
    await manager.getByRole("button", { name: "已解决，答复反映人" }).click();
    await expect(manager.getByRole("status")).toBeVisible();

    await vendor.goto("/vendor/integrity");
    const record = vendor
      .getByRole("region", { name: "全部记录" })
      .getByRole("listitem")
      .filter({ hasText: "关于摊位的问题反映经核实属实" });
    await expect(record.getByText("扣 3 分")).toBeVisible();
    await expect(
      record.getByRole("link", { name: `来源：问题反映 ${report.code}` }),
    ).toHaveAttribute("href", `/reports/${report.code}`);
    await expect(record.getByText("已核实，秤不准，当场校正并退还差价。")).toBeVisible();
    await expect(vendor.getByRole("heading", { name: /还剩 9 分/ })).toBeVisible();
  } finally {
    await db.destroy();
  }
});
