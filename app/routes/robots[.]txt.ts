// For search engines: the public pages are theirs to read; accounts, management and booking
// are not. The sitemap lists the public pages.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { siteUrl } from "~/utils/env.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const lines = [
    "User-agent: *",
    "Allow: /",
    // "/vendor" alone would be a prefix of the public "/vendors/…" pages: the vendor's own
    // pages are "/vendor" exactly ($, understood by Baidu, Google and Bing) and "/vendor/…".
    ...[
      "/manage",
      "/vendor$",
      "/vendor/",
      "/book",
      "/counter",
      "/account",
      "/o/",
      "/calendar/",
    ].map((path) => `Disallow: ${path}`),
    `Sitemap: ${siteUrl(request)}/sitemap.xml`,
  ];
  return new Response(`${lines.join("\n")}\n`, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
