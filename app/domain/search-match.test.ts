import { describe, expect, it } from "vitest";
import { namesOf, pinyinMatches, typoMatches, withinOneEdit, wordsOf } from "./search-match";

describe("matching a search word", () => {
  it("forgives one letter added, dropped, changed or two swapped, and no more", () => {
    expect(withinOneEdit("tomato", "tomato")).toBe(true);
    expect(withinOneEdit("tomatos", "tomatoes")).toBe(true); // dropped
    expect(withinOneEdit("mushrom", "mushroom")).toBe(true);
    expect(withinOneEdit("tomsto", "tomato")).toBe(true); // changed
    expect(withinOneEdit("tomtao", "tomato")).toBe(true); // swapped
    expect(withinOneEdit("tmtao", "tomato")).toBe(false);
    expect(withinOneEdit("potato", "tomato")).toBe(false);
  });

  it("reads typos only in Latin words of four letters or more", () => {
    expect(typoMatches("walnts", "walnuts")).toBe(true);
    expect(typoMatches("pea", "pear")).toBe(false);
    expect(typoMatches("西红柿", "西红市")).toBe(false);
  });

  it("takes pinyin whole, as a long enough start, or as initials", () => {
    const xihongshi = { full: "xihongshi", initials: "xhs" };
    expect(pinyinMatches("xihongshi", xihongshi)).toBe(true);
    expect(pinyinMatches("XHS", xihongshi)).toBe(true);
    expect(pinyinMatches("xihong", xihongshi)).toBe(true);
    expect(pinyinMatches("xi", xihongshi)).toBe(false); // too short to mean anything
    expect(pinyinMatches("hongshi", xihongshi)).toBe(false);
    expect(pinyinMatches("xh", { full: "xiaohao", initials: "xh" })).toBe(true);
  });

  it("splits a vendor's words at Chinese and Latin punctuation", () => {
    expect(wordsOf("壶关旱地西红柿、黄瓜，青椒")).toEqual(["壶关旱地西红柿", "黄瓜", "青椒"]);
    expect(wordsOf("Walnuts, walnut kernels")).toEqual(["Walnuts", "walnut", "kernels"]);
  });

  it("gives a word's other names after it, or the word alone", () => {
    expect(namesOf("番茄")[0]).toBe("番茄");
    expect(namesOf("番茄")).toContain("西红柿");
    expect(namesOf("番茄").filter((n) => n === "番茄")).toHaveLength(1);
    expect(namesOf("烤红薯干")).toEqual(["烤红薯干"]);
  });
});
