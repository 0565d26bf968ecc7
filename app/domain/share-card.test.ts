import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { offset, rectangle, type Position } from "./geo";
import { labelWidth } from "./pin-spread";
import { CARD_HEIGHT, CARD_WIDTH, shareCardSvg, wrapText, type ShareCard } from "./share-card";

const origin: Position = [113.2, 36.1];
const area = [origin, offset(origin, 80, 0), offset(origin, 80, 40), offset(origin, 0, 40), origin];
const card: ShareCard = {
  site: "集市",
  title: "龙泉公园晚市",
  subtitle: "Longquan Park Evening Market",
  lines: ["每天 · 晚市 18:00–21:30"],
  footer: "壶关县龙泉公园北门内广场",
  link: "jishi.example.org",
  areas: [area],
  stalls: [rectangle(origin, 10, 10, 3, 2).coordinates[0]!],
};

/** Every text element's content, and every polygon's points, from the SVG. */
function parse(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg).svg;
  const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : ([] as T[]).concat(x));
  return {
    root,
    texts: list<{ "#text": string | number }>(root.text).map((t) => String(t["#text"])),
    polygons: list<{ points: string }>(root.polygon).map((p) =>
      p.points.split(" ").map((xy) => xy.split(",").map(Number) as [number, number]),
    ),
  };
}

describe("wrapText", () => {
  it("breaks Chinese between any two characters and Latin at spaces, within the width", () => {
    const zh = wrapText("壶关县城北社区新时代文明实践集市", 300, 30, 3);
    expect(zh.join("")).toBe("壶关县城北社区新时代文明实践集市");
    expect(zh).toHaveLength(2);
    for (const line of zh) expect(labelWidth(line, 30)).toBeLessThanOrEqual(300);
    const en = wrapText("Shuita Community Morning and Evening Market", 400, 40, 3);
    expect(en).toEqual(["Shuita Community", "Morning and", "Evening Market"]);
    for (const line of en) expect(labelWidth(line, 40)).toBeLessThanOrEqual(400);
  });

  it("ends the last line it keeps with … when the text does not fit", () => {
    const lines = wrapText("Square inside the north gate of Longquan Park, Huguan", 300, 30, 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/…$/);
    expect(labelWidth(lines[0]!, 30)).toBeLessThanOrEqual(300);
  });
});

describe("shareCardSvg", () => {
  it("is a 1200 × 630 picture with the name, the other name, the hours, the address and the host", () => {
    const { root, texts } = parse(shareCardSvg(card));
    expect([root.width, root.height]).toEqual([String(CARD_WIDTH), String(CARD_HEIGHT)]);
    expect(texts).toEqual(
      expect.arrayContaining([
        "集市",
        "龙泉公园晚市",
        "Longquan Park Evening Market",
        "每天 · 晚市 18:00–21:30",
        "壶关县龙泉公园北门内广场",
        "jishi.example.org",
      ]),
    );
  });

  it("draws the area and its stalls inside the map's box, north up", () => {
    const { polygons } = parse(shareCardSvg(card));
    expect(polygons).toHaveLength(2);
    for (const [x, y] of polygons.flat()) {
      expect(x).toBeGreaterThanOrEqual(760);
      expect(x).toBeLessThanOrEqual(1140);
      expect(y).toBeGreaterThanOrEqual(90);
      expect(y).toBeLessThanOrEqual(470);
    }
    // The area's north edge (offset 40 m north) is drawn above its south edge.
    const [south, , north] = [polygons[0]![0]!, null, polygons[0]![3]!];
    expect(north[1]).toBeLessThan(south[1]);
  });

  it("writes hostile text as text, and keeps many sessions above the bottom bar", () => {
    const svg = shareCardSvg({
      ...card,
      title: `</text><script>alert(1)</script>&"'`,
      lines: Array.from({ length: 9 }, (_, i) => `周${i} · 早市 06:00–09:00`),
    });
    expect(svg).not.toContain("<script>");
    const { root, texts } = parse(svg);
    expect(root.script).toBeUndefined();
    expect(texts.filter((t) => t.startsWith("周")).length).toBeLessThan(9);
    const baselines = [...svg.matchAll(/<text x="60" y="(\d+)"/g)].map((m) => Number(m[1]));
    for (const y of baselines.slice(0, -1)) expect(y).toBeLessThan(CARD_HEIGHT - 90);
  });

  it("without an area it has no map, and the text takes the width", () => {
    const { polygons, root } = parse(shareCardSvg({ ...card, areas: [], stalls: [] }));
    expect(polygons).toHaveLength(0);
    expect(root.rect).toHaveLength(3); // paper, mark, bottom bar
  });
});
