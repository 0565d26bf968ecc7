import { describe, expect, it } from "vitest";
import { parseYuan } from "./money";

describe("parseYuan", () => {
  it.each([
    ["5", 500],
    [" 2.5 ", 250],
    ["2.50", 250],
    ["0.01", 1],
    ["0", 0],
    ["007", 700],
    ["10000", 1_000_000],
    ["19.99", 1999],
  ])("reads %j as %i fen", (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    "",
    " ",
    "0x10",
    "1e3",
    "-1",
    "+1",
    "Infinity",
    "NaN",
    "1,5",
    "1.234",
    ".5",
    "5.",
    "10000.01",
    "１０",
    "5元",
    "¥5",
  ])("refuses %j", (text) => {
    expect(parseYuan(text)).toBeNull();
  });
});
