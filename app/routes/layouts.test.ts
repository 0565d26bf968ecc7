// The layout pages' actions: who may use them, and what a broken or hostile draft gets back.
import { describe, expect, it } from "vitest";
import { requestAs, settle, testContext } from "#db/testing/requests";
import { toFeatureCollection } from "~/domain/layout-document";
import { approvedLayout, loadLayoutDocument, openLayout } from "~/models/layout.server";
import { db } from "~/utils/db.server";
import { action as reviewAction, loader as reviewLoader } from "./manage.layouts.$id";
import { action, loader } from "./manage.zones.$slug_.layout";

const MANAGER = "manager.longquan@jishi.example";
const OTHER_MANAGER = "manager.parks@jishi.example";
const OFFICE = "office@jishi.example";
const ZONE = "shuita-community";
const path = `/manage/zones/${ZONE}/layout`;

const post = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
});
const call = async (email: string | null, fields: Record<string, string>) =>
  (await settle(async () =>
    action({
      request: await requestAs(email, path, post(fields)),
      params: { slug: ZONE },
      context: testContext,
    }),
  )) as Response & { data?: unknown; init?: { status?: number } };
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);
const dataOf = (r: unknown) => (r as { data: Record<string, unknown> }).data;

async function zoneId() {
  return (
    await db.selectFrom("zones").select("id").where("slug", "=", ZONE).executeTakeFirstOrThrow()
  ).id;
}

describe("the layout editor's page", () => {
  it("is for the zone's managers and the office only", async () => {
    for (const email of [null, "vendor.wang@jishi.example", OTHER_MANAGER]) {
      const response = await settle(async () =>
        loader({
          request: await requestAs(email, path),
          params: { slug: ZONE },
          context: testContext,
        }),
      );
      expect([302, 403]).toContain(statusOf(response));
      expect([302, 403]).toContain(statusOf(await call(email, { intent: "start" })));
    }
    expect(await openLayout(db, await zoneId())).toBeUndefined();
  });

  it("refuses every malformed draft with a translated message, and stores nothing", async () => {
    expect(statusOf(await call(MANAGER, { intent: "start" }))).toBe(302);
    const draft = (await openLayout(db, await zoneId()))!;
    const before = (await loadLayoutDocument(db, draft.id))!;
    const good = toFeatureCollection(before);
    const hostile = [
      "",
      "not json",
      "null",
      "[]",
      '{"type":"FeatureCollection"}',
      JSON.stringify({ ...good, features: good.features.slice(1) }),
      JSON.stringify({
        ...good,
        features: good.features.map((f, i) =>
          i === 1
            ? { ...f, properties: { ...f.properties, code: "<script>alert(1)</script>" } }
            : f,
        ),
      }),
      JSON.stringify({
        ...good,
        features: good.features.map((f, i) =>
          i === 1
            ? { ...f, properties: { ...f.properties, categories: ["'; drop table stalls; --"] } }
            : f,
        ),
      }),
      JSON.stringify({
        ...good,
        features: good.features.map((f, i) =>
          i === 2
            ? {
                ...f,
                geometry: {
                  type: "Polygon",
                  coordinates: [
                    [
                      [1e308, 1],
                      [2, 2],
                      [3, 3],
                      [1e308, 1],
                    ],
                  ],
                },
              }
            : f,
        ),
      }),
      JSON.stringify({ ...good, features: [...good.features, good.features[1]] }),
    ];
    for (const layout of hostile) {
      const response = await call(MANAGER, { intent: "save", layoutId: String(draft.id), layout });
      expect(statusOf(response), layout.slice(0, 60)).toBe(422);
      expect(String(dataOf(response).error)).toMatch(/^layout\.error\./);
    }
    expect(await loadLayoutDocument(db, draft.id)).toEqual(before);

    const saved = await call(MANAGER, {
      intent: "save",
      layoutId: String(draft.id),
      layout: JSON.stringify(good),
    });
    expect(statusOf(saved)).toBe(200);
    expect(dataOf(saved)).toMatchObject({ ok: true, message: "layout.saved" });
    // A layout id from another zone is not this manager's to save.
    const other = await approvedLayout(db, 1);
    const wrong = await call(MANAGER, {
      intent: "save",
      layoutId: String(other!.id),
      layout: JSON.stringify(good),
    });
    expect(statusOf(wrong)).toBe(409);
  });

  it("refuses rules out of range and keeps the old ones", async () => {
    const response = await call(MANAGER, {
      intent: "rules",
      fireLaneWidthM: "-4",
      aisleMinM: "2",
      extinguisherReachM: "20",
      exitReachM: "40",
      powerReachM: "30",
      maxCoverage: "50",
    });
    expect(statusOf(response)).toBe(400);
    expect(dataOf(response)).toMatchObject({ error: "layout.rules.invalid" });
  });
});

describe("the office's review", () => {
  it("is the office's alone, and a decision needs a submitted version", async () => {
    const draft = (await openLayout(db, await zoneId()))!;
    const params = { id: String(draft.id) };
    for (const email of [MANAGER, "vendor.wang@jishi.example"]) {
      const response = await settle(async () =>
        reviewAction({
          request: await requestAs(
            email,
            `/manage/layouts/${draft.id}`,
            post({ intent: "approve" }),
          ),
          params,
          context: testContext,
        }),
      );
      expect([302, 403]).toContain(statusOf(response));
    }
    const early = await settle(async () =>
      reviewAction({
        request: await requestAs(
          OFFICE,
          `/manage/layouts/${draft.id}`,
          post({ intent: "approve" }),
        ),
        params,
        context: testContext,
      }),
    );
    expect(statusOf(early)).toBe(409);
    expect(statusOf(await call(MANAGER, { intent: "submit", layoutId: String(draft.id) }))).toBe(
      200,
    );
    const page = await reviewLoader({
      request: await requestAs(OFFICE, `/manage/layouts/${draft.id}`),
      params,
      context: testContext,
    });
    expect(page.diff).toEqual({ added: [], removed: [], moved: [], changed: [] });
    expect(page.against).toBe("inUse");
    const noComment = await settle(async () =>
      reviewAction({
        request: await requestAs(
          OFFICE,
          `/manage/layouts/${draft.id}`,
          post({ intent: "return", comment: "  " }),
        ),
        params,
        context: testContext,
      }),
    );
    expect(statusOf(noComment)).toBe(400);
    const approved = await settle(async () =>
      reviewAction({
        request: await requestAs(
          OFFICE,
          `/manage/layouts/${draft.id}`,
          post({ intent: "approve" }),
        ),
        params,
        context: testContext,
      }),
    );
    expect(dataOf(approved)).toMatchObject({ ok: true, message: "layout.approvedResult" });
    // Once approved, the review compares it with the version in use before it, not with itself.
    const afterwards = await reviewLoader({
      request: await requestAs(OFFICE, `/manage/layouts/${draft.id}`),
      params,
      context: testContext,
    });
    expect(afterwards.status).toBe("approved");
    expect(afterwards.against).toBe("previous");
    expect(afterwards.diff).toEqual({ added: [], removed: [], moved: [], changed: [] });
    const missing = await settle(async () =>
      reviewLoader({
        request: await requestAs(OFFICE, "/manage/layouts/999999"),
        params: { id: "999999" },
        context: testContext,
      }),
    );
    expect(statusOf(missing)).toBe(404);
  });
});
