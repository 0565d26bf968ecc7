import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CATEGORY_COLORS, categoryColor, swatchClass } from "./category-colors";

describe("category swatches", () => {
  const css = fs.readFileSync(new URL("../styles/app.css", import.meta.url), "utf8");
  const rule = (name: string) =>
    new RegExp(`\\.swatch-cat-${name} \\{\\s*background: (#[0-9a-f]{6});`).exec(css)?.[1];

  it("paint each category in its map colour, from the stylesheet", () => {
    for (const [slug, color] of Object.entries(CATEGORY_COLORS)) {
      expect(swatchClass(slug)).toBe(`swatch swatch-cat-${slug}`);
      expect(rule(slug), slug).toBe(color);
    }
    expect(swatchClass("no_such_category")).toBe("swatch swatch-cat-other");
    expect(rule("other")).toBe(categoryColor(undefined));
  });
});
