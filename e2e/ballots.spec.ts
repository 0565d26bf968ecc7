import { writeResultsFile } from "../db/testing/ballot-results";
import { expect, test } from "./fixtures";

const SEED = "c4".repeat(32);

/** A results file as a ballot's page publishes it, optionally tampered with. */
async function resultsFile(tamper = false) {
  const { file, results } = await writeResultsFile({
    seed: SEED,
    ballot: "chunjie-2027",
    stalls: ["A-01", "A-02", "A-03"],
    applications: [0, 1, 2, 3, 4].map((i) => ({
      seniority: i,
      newcomer: i === 0,
      preferences: ["row:A"],
    })),
    change: tamper
      ? (r) => {
          [r.places[0]!.stall, r.places[4]!.stall] = ["A-03", "A-01"];
        }
      : undefined,
  });
  return { file, commitment: results.inputs.commitment, digest: results.inputsDigest };
}

test("the verifier page recomputes a draw in the browser and says whether it matches", async ({
  page,
}) => {
  const good = await resultsFile();
  await page.goto(`/ballots/verify?commitment=${good.commitment}&digest=${good.digest}`);
  await expect(page.getByRole("heading", { level: 1, name: "核验摇号结果" })).toBeVisible();
  await expect(page.getByLabel("开始报名时公布的承诺值（可不填）")).toHaveValue(good.commitment);
  await page.getByLabel("结果文件（results.json）").setInputFiles(good.file);
  await page.getByRole("button", { name: "开始核验" }).click();
  const status = page.getByRole("status");
  await expect(status.getByRole("heading", { name: "核验通过" })).toBeVisible();
  await expect(status).toContainText("5 份报名、3 个摊位、3 人分到摊位");

  const bad = await resultsFile(true);
  await page.getByLabel("结果文件（results.json）").setInputFiles(bad.file);
  await page.getByRole("button", { name: "开始核验" }).click();
  await expect(status.getByRole("heading", { name: "核验没有通过" })).toBeVisible();
  await expect(status).toContainText("名次或摊位与公布结果不一致");

  // Another ballot's commitment, as if someone passed off other results.
  await page.getByLabel("开始报名时公布的承诺值（可不填）").fill("0".repeat(64));
  await page.getByLabel("结果文件（results.json）").setInputFiles(good.file);
  await page.getByRole("button", { name: "开始核验" }).click();
  await expect(status).toContainText("种子与开始报名时公布的承诺值不符");
});

test("a vendor applies to an open ballot with ranked choices, changes it, and withdraws", async ({
  page,
  loginNewVendor,
}) => {
  await loginNewVendor({ name: "申家小米" });
  // Residents and vendors hear of it on the market's page, and on the ballots' list.
  await page.goto("/markets/longquan-park-evening");
  await page.getByRole("link", { name: "龙泉公园周末夜市加设摊位摇号" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "公开核验" })).toBeVisible();
  await page.getByRole("link", { name: "我要报名" }).click();
  await expect(page.getByText("你还没有报名。")).toBeVisible();
  // A vendor hears of it at home too.
  await page.goto("/vendor");
  await page
    .getByRole("region", { name: "摇号报名" })
    .getByRole("link", { name: "龙泉公园周末夜市加设摊位摇号" })
    .click();
  await expect(page.getByText("你还没有报名。")).toBeVisible();

  await page.getByLabel("第 1 志愿").selectOption({ label: "A-03" });
  await page.getByLabel("第 2 志愿").selectOption({ label: "A 排任意一个" });
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "已保存你的报名。报名截止前可以随时修改或撤回。",
  );
  await expect(page.getByText(/你的报名编号：a-/)).toBeVisible();
  await expect(page.getByLabel("第 1 志愿")).toHaveValue("stall:A-03");
  // A rural market's own-produce priority is not offered at a park's night market.
  await expect(page.getByLabel("我卖的是自己种、自己养的农产品")).toHaveCount(0);

  // Nothing chosen and "any stall" off: said why, nothing lost.
  await page.getByLabel("第 1 志愿").selectOption("");
  await page.getByLabel("第 2 志愿").selectOption("");
  await page.getByLabel("志愿都被分走时，给我任意一个合适的空摊位").uncheck();
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "请至少填一个志愿，或勾选“给我任意一个合适的空摊位”。",
  );
  await page.reload();
  await expect(page.getByLabel("第 1 志愿")).toHaveValue("stall:A-03");

  await page.getByRole("button", { name: "撤回报名" }).click();
  await expect(page.getByRole("status")).toHaveText("已撤回报名。截止前还可以重新报名。");
  await expect(page.getByText("你还没有报名。")).toBeVisible();
});
