// The picture a chat app shows beside a shared link (Open Graph, 1200 × 630): the market's
// name, its hours and a small map of its area and stalls, drawn from our own geometry (no
// tiles). Built here as SVG, a pure function of its inputs; the server turns it into a PNG.
import { toMetres, type Position, type Ring } from "./geo";
import { labelWidth } from "./pin-spread";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** The family the server loads (a GB 2312 subset of Noto Sans CJK SC Bold, bundled). */
export const CARD_FONT = "Noto Sans CJK SC";

export interface ShareCard {
  /** The site's name, top left beside its mark: 集市. */
  site: string;
  /** Big, up to two lines: the market's name. */
  title: string;
  /** One line under the title (the other language's name, the county). */
  subtitle?: string;
  /** Hours, one session a line; as many as there is room for. */
  lines: string[];
  /** The bottom bar: the address (or the office), and the site's host at its right. */
  footer: string;
  link: string;
  /** Areas to draw, [lng, lat] rings: the market's area (or every market's, for the county). */
  areas: Ring[];
  /** Stalls inside the area, drawn as small blocks. */
  stalls?: Ring[];
  /** Dots at these places (the county card's markets). */
  dots?: Position[];
}

const escape = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Splits text into at most `max` lines no wider than `width` at `fontPx`; the last line ends
 * in … when the text does not fit. Breaks at spaces in Latin text, between any two characters
 * in Chinese.
 */
export function wrapText(text: string, width: number, fontPx: number, max: number): string[] {
  const words = text.match(/[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && labelWidth((line + word).trimEnd(), fontPx) > width) {
      lines.push(line.trimEnd());
      line = word.trimStart();
    } else line += word;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1]!;
  while (last && labelWidth(`${last}…`, fontPx) > width) last = [...last].slice(0, -1).join("");
  kept[max - 1] = `${last.trimEnd()}…`;
  return kept;
}

/**
 * The text at the largest of `sizes` (px, largest first) at which it fits in `max` lines of
 * `width`; at the smallest, cut with …, when none does.
 */
export function fitText(
  text: string,
  width: number,
  sizes: number[],
  max: number,
): { lines: string[]; px: number } {
  for (const px of sizes) {
    const lines = wrapText(text, width, px, Infinity);
    if (lines.length <= max) return { lines, px };
  }
  const px = sizes.at(-1)!;
  return { lines: wrapText(text, width, px, max), px };
}

/** Draws rings into a box, north up, metres kept square; a ring becomes an SVG points list. */
function project(rings: Ring[], box: { x: number; y: number; w: number; h: number }) {
  const all = rings.flat();
  if (all.length === 0) return () => "";
  const origin = all[0]!;
  const points = all.map((p) => toMetres(origin, p));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const scale = Math.min(box.w / Math.max(maxX - minX, 1), box.h / Math.max(maxY - minY, 1));
  const left = box.x + (box.w - (maxX - minX) * scale) / 2;
  const top = box.y + (box.h - (maxY - minY) * scale) / 2;
  const at = (p: Position) => {
    const [east, north] = toMetres(origin, p);
    return [left + (east - minX) * scale, top + (maxY - north) * scale] as const;
  };
  return (ring: Ring) =>
    ring
      .map((p) =>
        at(p)
          .map((n) => n.toFixed(1))
          .join(","),
      )
      .join(" ");
}

export function shareCardSvg(card: ShareCard): string {
  const map = { x: 760, y: 90, w: 380, h: 380 };
  const textWidth = card.areas.length > 0 ? 640 : 1080;
  const title = fitText(card.title, textWidth, [68, 58, 50], 2);
  const subtitle = fitText(card.subtitle ?? "", textWidth, [30, 26], 1);
  // Hours take what room is left above the bottom bar, a session on two lines at most.
  const hours = card.lines.map((l) => fitText(l, textWidth, [32, 28, 25], 1));
  const hoursPx = Math.min(...hours.map((h) => h.px));
  const link = wrapText(card.link, 420, 26, 1)[0] ?? "";
  const footer = wrapText(card.footer, 1080 - labelWidth(link, 26) - 40, 26, 1);

  const parts: string[] = [
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#faf8f3"/>`,
    `<rect x="60" y="52" width="56" height="56" rx="14" fill="#b42318"/>`,
    `<text x="88" y="92" font-size="34" fill="#fff" text-anchor="middle">集</text>`,
    `<text x="132" y="92" font-size="32" fill="#0f3d2a">${escape(card.site)}</text>`,
  ];
  // y is the baseline of the line being placed.
  let y = 124;
  for (const line of title.lines) {
    y += title.px * 1.24;
    parts.push(
      `<text x="60" y="${y}" font-size="${title.px}" fill="#0f3d2a">${escape(line)}</text>`,
    );
  }
  for (const line of subtitle.lines) {
    y += 50;
    parts.push(
      `<text x="60" y="${y}" font-size="${subtitle.px}" fill="#44514a">${escape(line)}</text>`,
    );
  }
  y += 70;
  for (const line of hours.flatMap((h) => h.lines)) {
    if (y > CARD_HEIGHT - 110) break;
    parts.push(
      `<text x="60" y="${y}" font-size="${hoursPx}" fill="#1d6b48">${escape(line)}</text>`,
    );
    y += hoursPx * 1.45;
  }

  if (card.areas.length > 0) {
    const inset = card.dots?.length ? 44 : 20;
    const points = project([...card.areas, ...(card.stalls ?? [])], {
      x: map.x + inset,
      y: map.y + inset,
      w: map.w - 2 * inset,
      h: map.h - 2 * inset,
    });
    parts.push(
      `<rect x="${map.x}" y="${map.y}" width="${map.w}" height="${map.h}" rx="20" fill="#e8efe9"/>`,
    );
    for (const ring of card.areas)
      parts.push(
        `<polygon points="${points(ring)}" fill="#e3f1e8" stroke="#1d6b48" stroke-width="4" stroke-linejoin="round"/>`,
      );
    for (const ring of card.stalls ?? [])
      parts.push(
        `<polygon points="${points(ring)}" fill="#f5a524" stroke="#a15c07" stroke-width="1.5"/>`,
      );
    for (const dot of card.dots ?? []) {
      const [cx, cy] = points([dot]).split(",");
      parts.push(
        `<circle cx="${cx}" cy="${cy}" r="14" fill="#b42318" stroke="#fff" stroke-width="4"/>`,
      );
    }
  }

  parts.push(
    `<rect y="${CARD_HEIGHT - 90}" width="${CARD_WIDTH}" height="90" fill="#0f3d2a"/>`,
    `<text x="60" y="${CARD_HEIGHT - 36}" font-size="26" fill="#e3f1e8">${escape(footer[0] ?? "")}</text>`,
    `<text x="${CARD_WIDTH - 60}" y="${CARD_HEIGHT - 36}" font-size="26" fill="#fff" text-anchor="end">${escape(link)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${CARD_FONT}" font-weight="700">${parts.join("")}</svg>`;
}
