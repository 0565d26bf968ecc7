// Titles, descriptions and Open Graph tags, so that a link shared in a chat app shows the
// market's name and a line about it, in the language of the page.
import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { CARD_HEIGHT, CARD_WIDTH } from "~/domain/share-card";
import { translator, type Locale, type Translate } from "./i18n";

export function pageMeta({
  matches,
  locale,
  title,
  description,
  image,
}: {
  /** The route's matches: the root's data has the site's address, the last one the path. */
  matches?: MetaArgs["matches"];
  locale: Locale | undefined;
  /** The page's own title; the site's name is added after it. */
  title?: string;
  description?: string;
  /** The page's share card, a path such as /markets/x/share.png; the site's card without one. */
  image?: string;
}): MetaDescriptor[] {
  const lang = locale ?? "zh-CN";
  const t = translator(lang);
  const full = title ? `${title} · ${t("app.name")}` : `${t("app.name")} · ${t("app.tagline")}`;
  const text = description || t("app.description");
  const tags: MetaDescriptor[] = [
    { title: full },
    { name: "description", content: text },
    { property: "og:title", content: title ?? t("app.name") },
    { property: "og:description", content: text },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: t("app.name") },
    { property: "og:locale", content: lang === "en" ? "en_GB" : "zh_CN" },
    // Chat apps in China (QQ, and WeChat's fetcher) read schema.org's microdata names.
    { itemProp: "name", content: title ?? t("app.name") },
    { itemProp: "description", content: text },
  ];
  const origin = (matches?.find((m) => m.id === "root")?.data as { siteUrl?: string } | undefined)
    ?.siteUrl;
  // Absolute addresses only: a card fetcher has no page to resolve a path against.
  if (!origin) return [...tags, { name: "twitter:card", content: "summary" }];
  const picture = `${origin}${image ?? "/share.png"}?lang=${lang}`;
  const path = matches?.at(-1)?.pathname;
  return [
    ...tags,
    ...(path ? [{ property: "og:url", content: `${origin}${path}` }] : []),
    { property: "og:image", content: picture },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: String(CARD_WIDTH) },
    { property: "og:image:height", content: String(CARD_HEIGHT) },
    { property: "og:image:alt", content: title ?? t("share.countyTitle") },
    { itemProp: "image", content: picture },
    { name: "twitter:card", content: "summary_large_image" },
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
