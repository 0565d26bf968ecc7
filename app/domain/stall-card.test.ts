import { describe, expect, it } from "vitest";
import { parseStallCardId, stallCardId } from "./stall-card";

describe("a stall card's id", () => {
  it("names the market and the stall, and reads back", () => {
    expect(stallCardId(3, "A-07")).toBe("3-A-07");
    expect(parseStallCardId("3-A-07")).toEqual({ zoneId: 3, code: "A-07" });
    expect(parseStallCardId(stallCardId(12, "东-01"))).toEqual({ zoneId: 12, code: "东-01" });
  });

  it("refuses what no card says", () => {
    for (const bad of [
      "",
      "3",
      "3-",
      "x-A-07",
      "3-A--07",
      "3-<script>",
      "3-A-07/..",
      `3-${"A".repeat(21)}`,
    ])
      expect(parseStallCardId(bad), bad).toBeNull();
  });
});
