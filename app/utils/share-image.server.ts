// Share cards and app icons as PNG (chat apps and home screens take no SVG), drawn by resvg with
// the bundled font, kept in memory: the same picture is drawn once until what it shows changes
// or the process restarts.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type * as ResvgJs from "@resvg/resvg-js";
import { CARD_FONT, shareCardSvg, type ShareCard } from "~/domain/share-card";

const FONT_DIR = path.resolve("app/assets/fonts");
const FONT_FILE = path.join(FONT_DIR, "NotoSansCJKsc-Bold-GB2312.otf");
/** Cards kept; each is some 30–80 kB. */
const KEEP = 200;

/** resvg (a native module) is loaded with the first picture drawn, not at every start. */
let Resvg: typeof ResvgJs.Resvg | undefined;
let covered: Set<string> | undefined;
const cache = new Map<string, Buffer>();

/** Whether every character of the text is in the bundled font. */
function inBundledFont(text: string): boolean {
  covered ??= new Set(fs.readFileSync(path.join(FONT_DIR, "characters.txt"), "utf8"));
  for (const ch of text) if (!covered.has(ch) && ch !== "\n") return false;
  return true;
}

export interface SharePng {
  png: Buffer;
  /** A strong validator: the same card, the same bytes. */
  etag: string;
}

export function shareCardPng(card: ShareCard): SharePng {
  const text = [card.site, card.title, card.subtitle ?? "", ...card.lines, card.footer];
  return svgToPng(shareCardSvg(card), text.join(""));
}

/** Draws an SVG of ours (text in the bundled font; `text` is all it writes) as a PNG. */
export function svgToPng(svg: string, text: string): SharePng {
  const etag = `"${createHash("sha256").update(svg).digest("base64url").slice(0, 27)}"`;
  let png = cache.get(etag);
  if (!png) {
    Resvg ??= (createRequire(import.meta.url)("@resvg/resvg-js") as typeof ResvgJs).Resvg;
    png = new Resvg(svg, {
      fitTo: { mode: "original" },
      font: {
        fontFiles: [FONT_FILE],
        // A rare character (a place name outside GB 2312): ask the system's fonts too.
        loadSystemFonts: !inBundledFont(text),
        defaultFontFamily: CARD_FONT,
      },
    })
      .render()
      .asPng();
    if (cache.size >= KEEP) cache.delete(cache.keys().next().value!);
    cache.set(etag, png);
  }
  return { png, etag };
}
