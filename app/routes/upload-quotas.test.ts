// Upload quotas through the real actions: a vendor's papers, a resident's report photos; the
// 21st file of a day, and any upload below the free-disk floor, is refused with a translated
// message and nothing is stored.
import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { requestAs, settle, testContext } from "#db/testing/requests";
import { TINY_PDF, TINY_PNG } from "~/domain/test-files";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { translate } from "~/utils/i18n";
import { action as uploadAction } from "./vendor.documents";
import { action as reportAction } from "./markets.$slug_.report";

const WANG = "vendor.wang@jishi.example";

function paper() {
  const form = new FormData();
  form.set("kind", "health_certificate");
  form.set("expiresOn", "2030-06-30");
  form.set("file", new Blob([TINY_PDF]), "健康证.pdf");
  return form;
}

type Answer = {
  data: { errors: Record<string, string>; errorParams?: Record<string, number> };
  init: { status: number };
};

const ledgerCount = async () =>
  Number(
    (
      await db
        .selectFrom("upload_ledger")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("upload quotas", () => {
  afterEach(() => vi.restoreAllMocks());

  it("stop a vendor's 21st paper of a day with the limit in the message", async () => {
    const email = WANG;
    const max = getEnv().UPLOAD_FILES_PER_DAY;
    for (let i = 0; i < max; i++) {
      const request = await requestAs(email, "/vendor/documents", {
        method: "POST",
        body: paper(),
      });
      const response = (await settle(() =>
        uploadAction({ request, params: {}, context: testContext }),
      )) as Response;
      expect(response.status, `paper ${i + 1}`).toBe(302);
    }
    const before = await db.selectFrom("documents").select("id").execute();
    const request = await requestAs(email, "/vendor/documents", { method: "POST", body: paper() });
    const refused = (await settle(() =>
      uploadAction({ request, params: {}, context: testContext }),
    )) as Answer;
    expect(refused.init.status).toBe(429);
    expect(refused.data.errors.file).toBe("upload.refusal.files");
    expect(translate("zh-CN", "upload.refusal.files", refused.data.errorParams)).toContain(
      `${max} 个文件`,
    );
    expect(await db.selectFrom("documents").select("id").execute()).toHaveLength(before.length);
  });

  it("refuse a resident's photo when the disk is below its floor, storing nothing", async () => {
    const floor = getEnv().UPLOAD_MIN_FREE_MB * 1024 * 1024;
    vi.spyOn(fs.promises, "statfs").mockResolvedValue({
      bavail: Math.floor(floor / 4096),
      bsize: 4096,
    } as fs.StatsFs);
    const ledger = await ledgerCount();
    const reports = await db.selectFrom("problem_reports").select("id").execute();
    const form = new FormData();
    form.set("category", "hygiene");
    form.set("description", "垃圾桶满了，没人清理。");
    form.set("photo", new Blob([TINY_PNG]), "photo.png");
    const request = new Request("http://localhost/markets/fuxin-community/report", {
      method: "POST",
      body: form,
    });
    const refused = (await settle(() =>
      reportAction({ request, params: { slug: "fuxin-community" }, context: testContext }),
    )) as Answer;
    expect(refused.init.status).toBe(507);
    expect(refused.data.errors.form).toBe("upload.refusal.disk");
    expect(await ledgerCount()).toBe(ledger);
    expect(await db.selectFrom("problem_reports").select("id").execute()).toHaveLength(
      reports.length,
    );
  });
});
