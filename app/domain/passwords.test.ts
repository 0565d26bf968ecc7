import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords";

describe("passwordProblem", () => {
  it.each([
    ["short1", "tooShort"],
    ["password", "tooCommon"],
    ["12345678", "tooCommon"],
    ["Qwerty123", "tooCommon"],
    ["Taihang-Market-7", null],
    ["woaini1314", "tooCommon"],
    ["FOOTBALL", "tooCommon"],
    ["壶关旱地西红柿真好吃", null],
    ["x".repeat(201), "tooLong"],
    ["Huguan-vendor-2026", null],
  ])("%s → %s", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
