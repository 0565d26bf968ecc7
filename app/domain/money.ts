// Amounts typed by people: yuan with at most two decimals, read exactly into integer fen.

/** The most one fee may be, in fen (10,000 yuan): more is a typing mistake. */
export const MAX_FEE_FEN = 1_000_000;

/**
 * "5", "2.5" or "2.50" yuan as fen; null for anything else: empty, signs, exponents, hex,
 * separators, more than two decimals or more than MAX_FEE_FEN. No floating point on the way.
 */
export function parseYuan(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return fen <= MAX_FEE_FEN ? fen : null;
}
