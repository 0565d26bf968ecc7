import { createCookie } from "@remix-run/node";
import { allEn, allZhCN } from "~/locales/all";
import { DEFAULT_LOCALE, isLocale, registerCatalogue, type Locale } from "./i18n";

/** The server renders either language at any time: it holds both catalogues. */
export function registerAllCatalogues() {
  registerCatalogue("zh-CN", allZhCN);
  registerCatalogue("en", allEn);
}
registerAllCatalogues();

/** The reader's choice from the language switch, kept for a year. */
export const localeCookie = createCookie("jishi_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

/** The first supported language in an Accept-Language header, by its q-values. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return null;
}

export async function getLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}
