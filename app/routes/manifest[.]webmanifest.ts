// The web manifest: a resident can add Jishi to a phone's home screen, under its name in their
// language, with its icon.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ICON_SIZES } from "~/domain/app-icon";
import { translator } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const t = translator(locale);
  const icons = ICON_SIZES.filter((s) => s !== 180).flatMap((size) => [
    { src: `/icons/${size}.png`, sizes: `${size}x${size}`, type: "image/png", purpose: "any" },
    {
      src: `/icons/${size}-maskable.png`,
      sizes: `${size}x${size}`,
      type: "image/png",
      purpose: "maskable",
    },
  ]);
  const manifest = {
    name: t("manifest.name"),
    short_name: t("app.name"),
    description: t("app.description"),
    lang: locale,
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#faf8f3",
    theme_color: "#1d6b48",
    icons,
  };
  return new Response(JSON.stringify(manifest), {
    headers: {
      "Content-Type": "application/manifest+json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      Vary: "Cookie, Accept-Language",
    },
  });
}
