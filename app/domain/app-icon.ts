// The app's icon (the favicon's white 集 on market green) at any size, for home screens
// and the web manifest. "maskable" keeps the mark inside the middle 80 %, which launchers may
// crop to a circle or a rounded square.
export const ICON_SIZES = [180, 192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];

export function appIconSvg(size: number, { maskable = false } = {}): string {
  // A full square for maskable and Apple icons (they round it themselves); rounded otherwise.
  const radius = maskable || size === 180 ? 0 : size * 0.22;
  const glyph = size * (maskable ? 0.46 : 0.6);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" rx="${radius}" fill="#1d6b48"/>` +
    `<text x="${size / 2}" y="${size / 2 + glyph * 0.36}" font-size="${glyph}" font-weight="700" text-anchor="middle" fill="#fff">集</text>` +
    `</svg>`
  );
}
