// What a phone downloads to run a page: every script the browser fetches on the first load
// (the entry, the route modules, the chunks they import, dynamic ones included), gzip-compressed.
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { launchOptions } from "./settings";

export interface PageWeight {
  path: string;
  scripts: number;
  gzipBytes: number;
}

/** Loads each path in a fresh context (nothing cached) and sums the gzip size of its scripts. */
export async function firstLoadJs(
  baseUrl: string,
  paths: string[],
  cookie?: { name: string; value: string },
): Promise<PageWeight[]> {
  const browser = await chromium.launch(launchOptions);
  try {
    const weights: PageWeight[] = [];
    for (const path of paths) {
      const context = await browser.newContext({ locale: "zh-CN" });
      if (cookie) await context.addCookies([{ ...cookie, url: baseUrl }]);
      const page = await context.newPage();
      const bodies: Promise<Buffer>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body());
      });
      await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
      const sizes = await Promise.all(bodies.map(async (b) => gzipSync(await b).byteLength));
      weights.push({ path, scripts: sizes.length, gzipBytes: sizes.reduce((a, b) => a + b, 0) });
      await context.close();
    }
    return weights;
  } finally {
    await browser.close();
  }
}

// `npx tsx e2e/page-weight.ts http://localhost:3000 / /login`: the figures for a running server.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [base = "http://localhost:3000", ...paths] = process.argv.slice(2);
  for (const w of await firstLoadJs(base, paths.length ? paths : ["/"]))
    console.log(`${w.path}: ${(w.gzipBytes / 1024).toFixed(1)} KB gzip in ${w.scripts} scripts`);
}
