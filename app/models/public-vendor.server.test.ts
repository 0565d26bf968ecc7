import { describe, expect, it } from "vitest";
import { seedRegulars } from "#db/seed";
import { db } from "~/utils/db.server";
import {
  getPublicVendor,
  nextAppearances,
  pastMarketsCount,
  searchTerms,
  searchVendors,
} from "./public-vendor.server";

const names = async (query: string) =>
  (await searchVendors(db, query)).vendors.map((v) => v.display_name);

describe("searching vendors", () => {
  it("finds a product written in Chinese through the trigram index, and in English", async () => {
    expect(await names("西红柿")).toEqual(["王桂兰旱地西红柿"]);
    expect(await names("tomatoes")).toEqual(["王桂兰旱地西红柿"]);
    expect(await names("TOMATOES")).toEqual(["王桂兰旱地西红柿"]);
  });

  it("finds two-character words, which are too short for a trigram", async () => {
    expect(await names("剪纸")).toEqual(["晓丽剪纸文创", "福馨剪纸课堂"]);
  });

  it("needs every word of the query", async () => {
    expect(await names("剪纸 课堂")).toEqual(["福馨剪纸课堂"]);
    expect(await names("剪纸 蜂蜜")).toEqual([]);
  });

  it("offers the vendors holding parts of a word nobody holds whole, and says so", async () => {
    const result = await searchVendors(db, "电饭锅修理");
    expect(result.partial).toBe(true);
    expect(result.vendors[0]?.display_name).toBe("城北志愿服务队·小家电义修");
  });

  it("finds what people call the same thing by another name, and says which", async () => {
    for (const query of ["番茄", "洋柿子", "tomato"]) {
      const result = await searchVendors(db, query);
      expect(result.vendors.map((v) => v.display_name)).toContain("王桂兰旱地西红柿");
    }
    const tomato = await searchVendors(db, "番茄");
    expect(tomato.matches[tomato.vendors[0]!.id]).toEqual({ kind: "synonym", word: "西红柿" });
    expect(await names("山药蛋")).toEqual(["老陈家时令蔬菜"]); // 土豆
    expect(await names("修家电")).toEqual(["城北志愿服务队·小家电义修"]);
    expect(await names("剪头")).toEqual(["任师傅理发"]);
    // A word of one character matches a word, not a part of one: 桃 is not 核桃.
    expect(await names("桃子")).toEqual(["宋家鲜果"]);
  });

  it("reads pinyin, full or initials, and forgives one typo in Latin letters", async () => {
    const fanqie = await searchVendors(db, "fanqie");
    expect(fanqie.vendors.map((v) => v.display_name)).toEqual(["王桂兰旱地西红柿"]);
    expect(fanqie.matches[fanqie.vendors[0]!.id]).toEqual({ kind: "pinyin", word: "西红柿" });
    expect(await names("xhs")).toEqual(["王桂兰旱地西红柿"]);
    expect(await names("lifa")).toEqual(["任师傅理发"]);
    const typo = await searchVendors(db, "mushrom");
    expect(typo.vendors.map((v) => v.display_name)).toEqual(["杨家菌菇"]);
    expect(typo.matches[typo.vendors[0]!.id]?.kind).toBe("typo");
    // Latin letters that name nothing find nothing (no two-letter fragments).
    expect(await names("qqqq")).toEqual([]);
    expect(await names("sweet potato")).toEqual([]);
  });

  it("ranks a vendor named for the word before one that sells it", async () => {
    // 鞋: in 丽娟鞋袜帽's and 吕师傅修鞋配钥匙's names; 原大娘千层底 sells 千层底布鞋.
    const result = await searchVendors(db, "鞋");
    const kinds = result.vendors.map((v) => [v.display_name, result.matches[v.id]?.kind]);
    expect(kinds.slice(-1)).toEqual([["原大娘千层底", "product"]]);
    expect(kinds.slice(0, -1).every(([, kind]) => kind === "name")).toBe(true);
    expect(kinds.length).toBeGreaterThanOrEqual(3);
  });

  it("matches a category's name", async () => {
    expect((await names("公益志愿")).length).toBe(5);
  });

  it("never shows a vendor who is not approved", async () => {
    // 刘小燕手工香包 is waiting for review (香囊 and 荷包 sellers are found by the synonyms).
    expect(await names("香包")).not.toContain("刘小燕手工香包");
    expect(await names("艾草")).toEqual([]);
  });

  it("treats hostile input as plain words", async () => {
    for (const query of ['"', "' or 1=1 --", "%", "_", "NEAR(a b)", "*", "a".repeat(10_000), ""])
      await expect(searchVendors(db, query)).resolves.toBeDefined();
    expect(await names("%")).toEqual([]);
    expect(searchTerms("  西红柿，黄瓜 ")).toEqual(["西红柿", "黄瓜"]);
  });

  it("follows a vendor's changes through the triggers", async () => {
    const wang = (await searchVendors(db, "西红柿")).vendors[0]!;
    await db
      .updateTable("vendors")
      .set({ products: "蜂蜜", products_en: "Honey", name_en: "Wang's honey" })
      .where("id", "=", wang.id)
      .execute();
    expect(await names("西红柿")).toEqual(["王桂兰旱地西红柿"]); // still in the name
    expect(await names("蜂蜜")).toEqual(["王桂兰旱地西红柿"]);
    await db
      .updateTable("users")
      .set({ display_name: "王家蜂蜜" })
      .where(
        "id",
        "=",
        (
          await db
            .selectFrom("vendors")
            .select("user_id")
            .where("id", "=", wang.id)
            .executeTakeFirstOrThrow()
        ).user_id,
      )
      .execute();
    expect(await names("西红柿")).toEqual([]);
    expect(await names("王家蜂蜜")).toEqual(["王家蜂蜜"]);
  });
});

describe("a vendor's public page", () => {
  it("tells where a regular will be next and how many markets they have kept", async () => {
    const now = new Date("2026-11-28T04:00:00Z"); // noon in Huguan
    await seedRegulars(db, now);
    const [vendor] = (await searchVendors(db, "羊汤")).vendors;
    expect(vendor?.display_name).toBe("申记壶关羊汤");
    const next = (await nextAppearances(db, [vendor!.id], now, 3)).get(vendor!.id)!;
    expect(next.map((a) => [a.zone_slug, a.stall_code])).toEqual([
      ["fuxin-community", "C-01"],
      ["fuxin-community", "C-01"],
      ["fuxin-community", "C-01"],
    ]);
    // Regulars keep the rules: one session a day, with two days off a week (this one rests on
    // Thursdays and Sundays, and comes in the evening when Fuxin has one). From 31 October to
    // today, 29 days less 4 Thursdays and 4 Sundays: 21 sessions, and tonight's is still to come.
    expect(next[0]!.starts_at > now.toISOString() || next[0]!.ends_at > now.toISOString()).toBe(
      true,
    );
    expect(await pastMarketsCount(db, vendor!.id, now)).toBe(20);
    // Seeding again adds nothing.
    await seedRegulars(db, now);
    expect(await pastMarketsCount(db, vendor!.id, now)).toBe(20);
  });

  it("is not shown for a vendor waiting for review", async () => {
    const pending = await db
      .selectFrom("vendors")
      .select("id")
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    expect(await getPublicVendor(db, pending.id)).toBeUndefined();
  });
});
