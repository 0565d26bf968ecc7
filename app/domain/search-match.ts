// How a search word meets a vendor's words beyond the letter: by a synonym, by pinyin (full or
// initials) and, for Latin letters, within one typo. Pure: the pinyin itself is computed by the
// caller (app/models/public-vendor.server.ts), so that its dictionary stays on the server.
import { normalizeWord, synonymGroup } from "./food-synonyms";

/** How a vendor was found, best first: the order results are ranked in. */
export const MATCH_KINDS = ["name", "product", "synonym", "pinyin", "typo"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A vendor's searchable words: their name, products and category split at punctuation. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKC")
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => w.trim())
    .filter(Boolean);
}

export function isLatin(term: string): boolean {
  return /^[a-z]+$/i.test(term);
}

/** Whether two words differ by at most one letter added, dropped, changed or swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One letter changed, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

/** The pinyin of a word: syllables without tones, joined ("xihongshi"), and their initials. */
export interface Pinyin {
  full: string;
  initials: string;
}

/**
 * Whether a Latin search word names a Chinese word by its pinyin: the whole of it ("fanqie"),
 * its start when long enough to mean something ("xihong"), or its initials ("xhs").
 */
export function pinyinMatches(term: string, pinyin: Pinyin): boolean {
  const t = term.toLowerCase();
  if (!pinyin.full) return false;
  if (t === pinyin.full || t === pinyin.initials)
    return pinyin.initials.length >= 2 || t === pinyin.full;
  if (t.length >= 4 && pinyin.full.startsWith(t)) return true;
  return t.length >= 3 && t.length <= pinyin.initials.length && pinyin.initials.startsWith(t);
}

/** Whether a Latin search word is one typo from a word: only for words of four letters or more. */
export function typoMatches(term: string, word: string): boolean {
  const t = normalizeWord(term);
  const w = normalizeWord(word);
  return t.length >= 4 && w.length >= 4 && isLatin(w.replace(/[ '-]/g, "")) && withinOneEdit(t, w);
}

/** The other names of a search word, the word itself first; just the word when it has none. */
export function namesOf(term: string): string[] {
  const group = synonymGroup(term);
  return group ? [term, ...group.filter((w) => normalizeWord(w) !== normalizeWord(term))] : [term];
}
