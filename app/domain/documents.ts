// Which papers a vendor needs, whether they are still valid, and what an uploaded file really is.
import type { DocumentKind } from "#db/schema";

export const DOCUMENT_KINDS: DocumentKind[] = [
  "identity",
  "business_licence",
  "health_certificate",
  "food_permit",
];

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const EXPIRY_WARNING_DAYS = 30;

export interface CategoryNeeds {
  needs_health_certificate: number;
  needs_food_permit: number;
  public_welfare: number;
}

/**
 * The papers a category needs. Everyone shows who they are: an identity card or a business
 * licence (either one). Food sellers add a health certificate (健康证); cooked food a food
 * business permit. Each inner list is "one of these".
 */
export function requiredDocuments(category: CategoryNeeds): DocumentKind[][] {
  const needs: DocumentKind[][] = [["identity", "business_licence"]];
  if (category.needs_health_certificate) needs.push(["health_certificate"]);
  if (category.needs_food_permit) needs.push(["food_permit"]);
  return needs;
}

export type ExpiryState = "valid" | "expiring" | "expired";

/** Whole days from one 'YYYY-MM-DD' to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A paper is valid through its expiry day, and "expiring" from 30 days before. */
export function expiryState(expiresOn: string, today: string): ExpiryState {
  const left = daysBetween(today, expiresOn);
  if (left < 0) return "expired";
  if (left <= EXPIRY_WARNING_DAYS) return "expiring";
  return "valid";
}

export interface HeldDocument {
  kind: DocumentKind;
  expires_on: string;
}

/** The requirements that no valid paper meets on `date`: what the vendor still has to upload. */
export function missingDocuments(
  category: CategoryNeeds,
  held: HeldDocument[],
  date: string,
): DocumentKind[][] {
  const valid = new Set(
    held.filter((d) => expiryState(d.expires_on, date) !== "expired").map((d) => d.kind),
  );
  return requiredDocuments(category).filter((oneOf) => !oneOf.some((kind) => valid.has(kind)));
}

export type FileType = { ext: "jpg" | "png" | "pdf"; contentType: string };

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  return signature.every((b, i) => bytes[at + i] === b);
}

function lastIndexOfAscii(bytes: Uint8Array, text: string, searchFrom: number): number {
  const codes = [...text].map((c) => c.charCodeAt(0));
  for (let i = bytes.length - codes.length; i >= searchFrom; i--) {
    if (startsWith(bytes, codes, i)) return i;
  }
  return -1;
}

/**
 * What a file is, from its bytes alone (never its name or declared type), and only if it is
 * whole: a JPEG must end with its end-of-image marker, a PNG with its IEND chunk, a PDF must
 * have %%EOF in its last kilobyte. Anything else is null.
 */
export function detectDocumentType(bytes: Uint8Array): FileType | null {
  const n = bytes.length;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    // Some cameras pad after the end marker; allow a little slack.
    const tail = bytes.subarray(Math.max(0, n - 64));
    for (let i = tail.length - 2; i >= 0; i--) {
      if (tail[i] === 0xff && tail[i + 1] === 0xd9)
        return { ext: "jpg", contentType: "image/jpeg" };
    }
    return null;
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const iend = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
    return n >= 20 && startsWith(bytes, iend, n - 8)
      ? { ext: "png", contentType: "image/png" }
      : null;
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return lastIndexOfAscii(bytes, "%%EOF", Math.max(0, n - 1024)) >= 0
      ? { ext: "pdf", contentType: "application/pdf" }
      : null;
  }
  return null;
}

/**
 * Until when a vendor's papers let them trade on `date` and after: for each paper their
 * category needs, the latest expiry among those they hold of it; the earliest of those. Null
 * when one is missing or expired. What residents read on a stall card, without the papers.
 */
export function papersValidUntil(
  category: CategoryNeeds,
  held: HeldDocument[],
  date: string,
): string | null {
  let until: string | null = null;
  for (const oneOf of requiredDocuments(category)) {
    const latest = held
      .filter((d) => oneOf.includes(d.kind) && expiryState(d.expires_on, date) !== "expired")
      .map((d) => d.expires_on)
      .sort()
      .at(-1);
    if (!latest) return null;
    if (until === null || latest < until) until = latest;
  }
  return until;
}
