// A Spring Festival fair given out by ballot, from the manager's form to a loser offered a
// winner's cancelled stall: 40 stalls, 60 applicants (three through the pages, the rest by
// factory), the close, the draw, the public results checked in the verifier.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../db/connect";
import { createApprovedVendor } from "../db/testing/factories";
import { addDays } from "../app/domain/calendar";
import { localMoment } from "../app/domain/market-hours";
import { applyToBallot, drawClosedBallots } from "../app/models/ballot.server";
import { seriousFindings } from "./axe";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL } from "./settings";

test("a manager opens a ballot for 40 stalls; 60 apply; the draw books 40, a loser gets a winner's cancellation", async ({
  page,
  login,
  newZone,
  newVendorPage,
  pageForUser,
}) => {
  test.setTimeout(120_000);
  const db = createDb(E2E_DATABASE_URL);
  try {
    const zone = await newZone({
      like: "chengdong-street-morning",
      name: "城东春节年货大集",
      managers: ["managerParks"],
    });
    const today = localMoment(new Date(), "Asia/Shanghai").date;
    await login("managerParks");
    await page.goto(`/manage/zones/${zone.slug}`);
    await page.getByRole("link", { name: "摇号分配" }).click();
    await expect(page.getByText("这个集市还没有摇号。")).toBeVisible();

    // A mistake first: applications closing after the fair has begun. Nothing typed is lost.
    await page.getByLabel("名称（中文）").fill("城东春节年货大集摊位摇号");
    await page.getByLabel("名称（英文，可不填）").fill("Chengdong Spring Festival fair ballot");
    await page.getByLabel("第一天").fill(addDays(today, 20));
    await page.getByLabel("最后一天").fill(addDays(today, 24));
    await page.getByLabel("截止报名").fill(`${addDays(today, 22)}T20:00`);
    // Rows A and B, but for eight stalls at B's far end kept for the market's regulars.
    await page
      .getByLabel("这几排里不参加摇号的摊位（可不填）")
      .fill("B-17, B-18, B-19, B-20, B-21, B-22, B-23, B-24");
    await page.getByRole("button", { name: "开始摇号，公布承诺值" }).click();
    await expect(page.getByText("截止报名要早于这些天的第一场开市")).toBeVisible();
    await expect(page.getByLabel("名称（中文）")).toHaveValue("城东春节年货大集摊位摇号");
    await expect(page.getByLabel("B 排（24 个摊位）")).toBeChecked();
    expect(await seriousFindings(page)).toEqual([]);
    await expect(page.getByLabel("这几排里不参加摇号的摊位（可不填）")).toHaveValue(/^B-17, B-18/);

    await page.getByLabel("截止报名").fill(`${addDays(today, 10)}T20:00`);
    await page.getByRole("button", { name: "开始摇号，公布承诺值" }).click();
    await expect(page.getByRole("status")).toContainText(
      "摇号已经开始，40 个摊位参加，种子的承诺值已公布在摇号页。",
    );
    await page.getByRole("link", { name: "看摇号页" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("城东春节年货大集摊位摇号");
    const ballotId = new URL(page.url()).pathname.split("/").pop()!;
    const ballot = await db
      .selectFrom("ballots")
      .select(["id", "commitment"])
      .where("public_id", "=", ballotId)
      .executeTakeFirstOrThrow();
    await expect(page.getByText(ballot.commitment)).toBeVisible();

    // Meanwhile a vendor booking at the market hears that its stalls go by ballot.
    const early = await newVendorPage({ name: "韩家冬枣" });
    await early.page.goto(`/book/${zone.slug}?all=1`);
    await expect(early.page.getByRole("link", { name: "城东春节年货大集摊位摇号" })).toBeVisible();

    // Three apply through the pages…
    for (const name of ["韩家冬枣", "李家蒜苗", "赵家大葱"]) {
      const vendor = name === "韩家冬枣" ? early : await newVendorPage({ name });
      await vendor.page.goto(`/ballots/${ballotId}`);
      await vendor.page.getByRole("link", { name: "我要报名" }).click();
      await vendor.page.getByLabel("第 1 志愿").selectOption({ label: "A 排任意一个" });
      await vendor.page.getByRole("button", { name: "提交报名" }).click();
      await expect(vendor.page.getByRole("status")).toHaveText(
        "已保存你的报名。报名截止前可以随时修改或撤回。",
      );
    }
    // …and 57 more by factory.
    const during = new Date();
    for (let i = 0; i < 57; i++) {
      const { vendorId } = await createApprovedVendor(db, "fresh_produce", {
        name: `年货摊主${i + 1}`,
      });
      const applied = await applyToBallot(
        db,
        { ballotId: ballot.id, vendorId, preferences: [], anyStall: true, ownProduce: false },
        during,
      );
      expect(applied.ok).toBe(true);
    }
    await page.reload();
    await expect(page.getByText("40 个摊位 · 60 份报名")).toBeVisible();

    // The window closes (moved to a second ago), and the ballot is drawn as the worker does.
    await db
      .updateTable("ballots")
      .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", ballot.id)
      .execute();
    await drawClosedBallots(db, new Date());

    // The results are public, and verify in the browser.
    await page.reload();
    await expect(page.getByRole("heading", { name: "摇号结果" })).toBeVisible();
    const results = await (await page.request.get(`/ballots/${ballotId}/results.json`)).text();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ballot-")), "results.json");
    fs.writeFileSync(file, results);
    await page.getByRole("link", { name: "在浏览器里核验这次摇号" }).click();
    await page.getByLabel("结果文件（results.json）").setInputFiles(file);
    await page.getByRole("button", { name: "开始核验" }).click();
    await expect(page.getByRole("status").getByRole("heading", { name: "核验通过" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("60 份报名、40 个摊位、40 人分到摊位");

    // Who won and who waits, by the published places.
    const places = (
      JSON.parse(results) as { places: { id: string; place: number; stall: string | null }[] }
    ).places;
    const who = async (applicationId: string) =>
      db
        .selectFrom("ballot_applications")
        .innerJoin("vendors", "vendors.id", "ballot_applications.vendor_id")
        .select(["vendors.user_id"])
        .where("ballot_applications.public_id", "=", applicationId)
        .executeTakeFirstOrThrow();
    const winner = places.find((p) => p.stall)!;
    const firstLoser = places.filter((p) => !p.stall).sort((a, b) => a.place - b.place)[0]!;

    // The first loser heard it, and is first on the waiting list.
    const loser = await pageForUser((await who(firstLoser.id)).user_id);
    await loser.goto("/vendor");
    await expect(loser.getByText(/这次没有中签。你按抽签顺序排在候补第 1 位/)).toBeVisible();

    // The winner is booked for every evening of the fair, and cannot come to the first.
    const won = await pageForUser((await who(winner.id)).user_id);
    await won.goto("/vendor");
    await expect(
      won.getByText(new RegExp(`你中签了，摊位 ${winner.stall}，5 场已经为你订好`)),
    ).toBeVisible();
    await won.goto("/vendor/bookings");
    const booked = won.getByRole("listitem").filter({ hasText: `${zone.name} · ${winner.stall}` });
    await expect(booked).toHaveCount(5);
    await expect(booked.getByText("摇号中签")).toHaveCount(5);
    await booked.first().getByRole("link", { name: "取消预约" }).click();
    await won.getByRole("button", { name: "确认取消" }).click();
    await expect(won.getByRole("status")).toContainText("已取消预约");

    // The stall is offered to the first loser, who takes it.
    await loser.goto("/vendor/bookings");
    const waitlist = loser.getByRole("region", { name: "候补排队" });
    await expect(waitlist).toContainText(`${winner.stall} 空出来了，为你保留到`);
    await waitlist.getByRole("button", { name: `要 ${winner.stall}` }).click();
    await expect(loser.getByRole("status")).toHaveText("预约成功！到场时找管理员签到。");

    // The manager sees it drawn; with every stall won, there is none to move a winner to.
    await page.goto(`/manage/zones/${zone.slug}/ballots`);
    await expect(page.getByText("已公布结果")).toBeVisible();
    await page.getByText("更正结果").click();
    await expect(page.getByText("这次摇号的摊位都有人中签了，没有可换的摊位。")).toBeVisible();
    expect(await seriousFindings(page)).toEqual([]);
  } finally {
    await db.destroy();
  }
});
