// A large market's booking page lists its stalls a page at a time; the map has them all, and a
// stall chosen on the map opens the page that holds it.
import { beforeAll, describe, expect, it } from "vitest";
import { createBigZone } from "#db/testing/big-zone";
import { createApprovedVendor } from "#db/testing/factories";
import { cookieForUser, testContext } from "#db/testing/requests";
import { stallsOnMap, unpackGeometry } from "~/components/stall-map";
import { db } from "~/utils/db.server";
import { LIST_PAGE, loader } from "./book.$slug";
import { loader as outlines } from "./layouts.$id.stalls[.]json";

const SLUG = "list-pages-500";
let cookie = "";

beforeAll(async () => {
  // 10 rows of 50; every other row takes fresh produce: 250 stalls for this vendor.
  await createBigZone(db, { slug: SLUG, rows: 10, perRow: 50 });
  cookie = await cookieForUser((await createApprovedVendor(db, "fresh_produce")).userId);
});

const page = async (query = "") =>
  (await loader({
    request: new Request(`http://localhost/book/${SLUG}${query}`, { headers: { Cookie: cookie } }),
    params: { slug: SLUG },
    context: testContext,
  })) as Awaited<ReturnType<typeof loader>>;

describe("a large market's booking page", () => {
  it("lists the stalls that fit a page at a time, the map and the count all of them", async () => {
    const first = await page();
    expect(first.stalls).toHaveLength(LIST_PAGE);
    expect(first.list).toEqual({ page: 1, pages: 3, from: 1, count: 250 });
    expect(first.freeCount).toBe(250);
    expect(first.map?.tones).toHaveLength(500);
    const last = await page("?page=3");
    expect(last.stalls).toHaveLength(50);
    expect(last.list.from).toBe(201);
    // Every stall that fits is on exactly one page.
    const second = await page("?page=2");
    const ids = [...first.stalls, ...second.stalls, ...last.stalls].map((s) => s.id);
    expect(new Set(ids).size).toBe(250);
  });

  it("opens the page of a stall chosen on the map, and reads a bad page as the first", async () => {
    // The map as the browser draws it: the layout's outlines and this page's tones.
    const { map } = await page();
    const file = await outlines({
      request: new Request(`http://localhost/layouts/${map!.layout}/stalls.json`),
      params: { id: String(map!.layout) },
      context: testContext,
    });
    const drawn = stallsOnMap(unpackGeometry(await file.text()), map!.tones, () => ({ label: "" }));
    const all = drawn!.filter((s) => s.tone === "free");
    const wanted = all[240]!;
    const chosen = await page(`?choose=${wanted.id}`);
    expect(chosen.list.page).toBe(3);
    expect(chosen.picked).toMatchObject({ id: wanted.id, code: wanted.code, refusal: null });
    expect(chosen.stalls.some((s) => s.id === wanted.id)).toBe(true);
    for (const query of ["?page=99", "?page=-1", "?page=x", "?choose=999999"])
      expect((await page(query)).list.page).toBe(1);
  });
});
