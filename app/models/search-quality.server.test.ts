// The search over the demo's vendors, measured against queries residents type
// (db/demo/search-queries.ts): it must find nearly all that it should, and little else.
import { describe, expect, it } from "vitest";
import { SEARCH_QUERIES, searchQuality } from "#db/demo/search-queries";
import { db } from "~/utils/db.server";
import { searchVendors } from "./public-vendor.server";

describe("search quality on the demo's vendors", () => {
  it("has at least a hundred queries", () => {
    expect(SEARCH_QUERIES.length).toBeGreaterThanOrEqual(100);
  });

  it("finds ≥ 95 % of what it should (recall) with ≥ 90 % of what it finds right (precision)", async () => {
    const quality = await searchQuality(async (q) =>
      (await searchVendors(db, q)).vendors.map((v) => v.display_name),
    );
    console.log(
      `search: ${quality.queries} queries, recall ${quality.recall.toFixed(3)}, precision ${quality.precision.toFixed(3)}\n  ${quality.misses.join("\n  ")}`,
    );
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
    expect(quality.precision).toBeGreaterThanOrEqual(0.9);
  });
});
