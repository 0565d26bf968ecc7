// What axe finds serious or critical on a page, one line each (empty when nothing).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export async function seriousFindings(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
