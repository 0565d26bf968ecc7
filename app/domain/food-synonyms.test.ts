import { describe, expect, it } from "vitest";
import { normalizeWord, SYNONYM_GROUPS, synonymGroup } from "./food-synonyms";

describe("the synonym groups", () => {
  it("name at least eighty things, each by two names or more, one of them Chinese", () => {
    expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(80);
    for (const group of SYNONYM_GROUPS) {
      expect(group.length, group.join("/")).toBeGreaterThanOrEqual(2);
      expect(
        group.some((w) => /\p{Script=Han}/u.test(w)),
        group.join("/"),
      ).toBe(true);
    }
  });

  it("put every word in one group only, so that a word has one meaning", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const group of SYNONYM_GROUPS)
      for (const word of group) {
        const key = normalizeWord(word);
        if (seen.has(key) && seen.get(key) !== group[0])
          twice.push(`${word}: ${seen.get(key)} / ${group[0]}`);
        seen.set(key, group[0]!);
      }
    expect(twice).toEqual([]);
  });

  it("know the names people in Shanxi use", () => {
    expect(synonymGroup("番茄")).toContain("西红柿");
    expect(synonymGroup("洋柿子")).toContain("番茄");
    expect(synonymGroup("山药蛋")).toContain("土豆");
    expect(synonymGroup("玉茭")).toContain("玉米");
    expect(synonymGroup("红苕")).toContain("红薯");
    expect(synonymGroup("海椒")).toContain("辣椒");
    expect(synonymGroup("谷子")).toContain("小米");
    expect(synonymGroup("家电维修")).toContain("修家电");
    expect(synonymGroup("剪头")).toContain("理发");
    expect(synonymGroup("Tomatoes")).toContain("西红柿");
    expect(synonymGroup("what")).toBeUndefined();
  });

  it("compare English words without case or plural endings, and leave Chinese as it is", () => {
    expect(normalizeWord("Tomatoes")).toBe("tomato");
    expect(normalizeWord("peaches")).toBe("peach");
    expect(normalizeWord("apples")).toBe("apple");
    expect(normalizeWord("grapes")).toBe("grape");
    expect(normalizeWord("glass")).toBe("glass");
    expect(normalizeWord("Green  Peppers")).toBe("green pepper");
    expect(normalizeWord("西红柿")).toBe("西红柿");
  });
});
