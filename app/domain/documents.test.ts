import { describe, expect, it } from "vitest";
import {
  detectDocumentType,
  expiryState,
  missingDocuments,
  requiredDocuments,
  papersValidUntil,
} from "./documents";
import { EXE_BYTES, TINY_JPEG, TINY_PDF, TINY_PNG, WHOLE_JPEG } from "./test-files";

const produce = { needs_health_certificate: 1, needs_food_permit: 0, public_welfare: 0 };
const cooked = { needs_health_certificate: 1, needs_food_permit: 1, public_welfare: 0 };
const crafts = { needs_health_certificate: 0, needs_food_permit: 0, public_welfare: 0 };

describe("requiredDocuments", () => {
  it("asks everyone for an ID card or a business licence", () => {
    expect(requiredDocuments(crafts)).toEqual([["identity", "business_licence"]]);
  });
  it("adds a health certificate for food, and a permit for cooked food", () => {
    expect(requiredDocuments(produce)).toEqual([
      ["identity", "business_licence"],
      ["health_certificate"],
    ]);
    expect(requiredDocuments(cooked)).toEqual([
      ["identity", "business_licence"],
      ["health_certificate"],
      ["food_permit"],
    ]);
  });
});

describe("expiryState", () => {
  it.each([
    ["2027-06-30", "2026-11-28", "valid"],
    ["2026-12-28", "2026-11-28", "expiring"], // 30 days ahead: warn
    ["2026-12-29", "2026-11-28", "valid"], // 31 days ahead
    ["2026-11-28", "2026-11-28", "expiring"], // valid through its last day
    ["2026-11-27", "2026-11-28", "expired"],
    ["2027-01-05", "2026-12-31", "expiring"], // across a year end
  ] as const)("a paper valid until %s on %s is %s", (expiresOn, today, state) => {
    expect(expiryState(expiresOn, today)).toBe(state);
  });
});

describe("missingDocuments", () => {
  it("counts a business licence in place of an ID card", () => {
    expect(
      missingDocuments(
        crafts,
        [{ kind: "business_licence", expires_on: "2030-01-01" }],
        "2026-11-28",
      ),
    ).toEqual([]);
  });
  it("does not count an expired paper", () => {
    expect(
      missingDocuments(
        produce,
        [
          { kind: "identity", expires_on: "2030-01-01" },
          { kind: "health_certificate", expires_on: "2026-11-01" },
        ],
        "2026-11-28",
      ),
    ).toEqual([["health_certificate"]]);
  });
});

describe("detectDocumentType", () => {
  it("recognises whole PNG, JPEG and PDF files by their bytes", () => {
    expect(detectDocumentType(TINY_PNG)?.ext).toBe("png");
    expect(detectDocumentType(WHOLE_JPEG)?.ext).toBe("jpg");
    expect(detectDocumentType(TINY_PDF)?.ext).toBe("pdf");
  });

  it("refuses a renamed executable", () => {
    expect(detectDocumentType(EXE_BYTES)).toBeNull();
  });

  it("refuses a truncated PDF, PNG or JPEG", () => {
    expect(detectDocumentType(TINY_PDF.subarray(0, TINY_PDF.length - 10))).toBeNull();
    expect(detectDocumentType(TINY_PNG.subarray(0, TINY_PNG.length - 4))).toBeNull();
    expect(detectDocumentType(TINY_JPEG)).toBeNull();
  });

  it("refuses HTML and SVG, which a browser could run", () => {
    expect(detectDocumentType(Buffer.from("<html><script>alert(1)</script></html>"))).toBeNull();
    expect(detectDocumentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectDocumentType(new Uint8Array())).toBeNull();
  });
});

describe("papersValidUntil", () => {
  const food = { needs_health_certificate: 1, needs_food_permit: 1, public_welfare: 0 };
  const held = [
    { kind: "identity" as const, expires_on: "2031-05-01" },
    { kind: "health_certificate" as const, expires_on: "2027-03-31" },
    { kind: "health_certificate" as const, expires_on: "2026-01-31" },
    { kind: "food_permit" as const, expires_on: "2028-12-31" },
  ];
  it("is the earliest of the latest expiry of each paper needed", () => {
    expect(papersValidUntil(food, held, "2026-12-01")).toBe("2027-03-31");
    expect(
      papersValidUntil(
        { needs_health_certificate: 0, needs_food_permit: 0, public_welfare: 0 },
        held,
        "2026-12-01",
      ),
    ).toBe("2031-05-01");
  });
  it("is null when a paper needed is missing or has expired", () => {
    expect(papersValidUntil(food, held.slice(0, 3), "2026-12-01")).toBeNull();
    expect(papersValidUntil(food, held, "2027-04-01")).toBeNull();
  });
});
