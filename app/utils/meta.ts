// Titles, descriptions and Open Graph tags, so that a link shared in a chat app shows the
// market's name and a line about it, in the language of the page.
import type { MetaDescriptor } from "@remix-run/node";
import { translator, type Locale, type Translate } from "./i18n";

export function pageMeta({
  locale,
  title,
  description,
}: {
  locale: Locale | undefined;
  /** The page's own title; the site's name is added after it. */
  title?: string;
  description?: string;
}): MetaDescriptor[] {
  const t = translator(locale ?? "zh-CN");
  const full = title ? `${title} · ${t("app.name")}` : `${t("app.name")} · ${t("app.tagline")}`;
  const text = description || t("app.description");
  return [
    { title: full },
    { name: "description", content: text },
    { property: "og:title", content: title ?? t("app.name") },
    { property: "og:description", content: text },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: t("app.name") },
    { property: "og:locale", content: locale === "en" ? "en_GB" : "zh_CN" },
    { name: "twitter:card", content: "summary" },
  ];
}

/**
 * The title of a page that is not for sharing (signed-in pages): its parts, then the site's
 * name, "发布摊位 · 福馨社区 · 集市". Empty parts (data not loaded) are left out.
 */
export function pageTitle(
  locale: Locale | undefined,
  parts: (t: Translate) => (string | null | undefined)[],
): MetaDescriptor[] {
  const t = translator(locale ?? "zh-CN");
  return [{ title: [...parts(t), t("app.name")].filter(Boolean).join(" · ") }];
}
