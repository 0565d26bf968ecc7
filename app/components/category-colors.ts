// One colour per category, the same on every map and legend. Chosen to stay apart for the
// common colour-vision deficiencies (after Okabe & Ito), and always paired with a text label.
const COLORS: Record<string, string> = {
  fresh_produce: "#009e73",
  cooked_food: "#d55e00",
  daily_goods: "#0072b2",
  cultural_creative: "#cc79a7",
  crafts: "#8c564b",
  games_rides: "#e69f00",
  repairs_services: "#56b4e9",
  public_welfare: "#b42318",
};

export function categoryColor(slug: string | undefined): string {
  return (slug && COLORS[slug]) || "#8a9a90";
}

/**
 * The class that paints a legend swatch in a category's colour (app.css has one rule per
 * category, checked against COLORS by a test): server-rendered pages carry no style attributes,
 * so the Content Security Policy needs no 'unsafe-inline' for styles.
 */
export function swatchClass(slug: string | undefined): string {
  return `swatch swatch-cat-${slug && COLORS[slug] ? slug : "other"}`;
}

export const CATEGORY_COLORS: Readonly<Record<string, string>> = COLORS;
