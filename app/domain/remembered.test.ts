import { describe, expect, it } from "vitest";
import { remembered } from "./remembered";

describe("remembered", () => {
  it("works a key out once, and starts again once the limit is reached", () => {
    const made: string[] = [];
    const keep = remembered<string>(2);
    const upper = (key: string) =>
      keep(key, () => {
        made.push(key);
        return key.toUpperCase();
      });
    expect([upper("a"), upper("a"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "A"]);
    expect(made).toEqual(["a", "b"]);
    expect(upper("c")).toBe("C");
    expect(upper("a")).toBe("A");
    expect(made).toEqual(["a", "b", "c", "a"]);
  });
});
