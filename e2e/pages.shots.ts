// Screenshots of every page at phone and desktop width in both languages, for a person to look
// at (`npm run screenshots`, written to e2e/.screenshots/). Not part of `npm test`.
import { expect, test } from "./fixtures";

const pages = [
  { name: "home", path: "/" },
  { name: "markets", path: "/markets" },
  { name: "market-page", path: "/markets/chengbei-civilisation" },
  { name: "market-park", path: "/markets/longquan-park-evening" },
  { name: "poster", path: "/markets/fuxin-community/poster" },
  { name: "search", path: "/search?q=修家电" },
  { name: "vendor-page", path: "/vendors/38" },
  { name: "home-tonight", path: "/?time=evening&category=games_rides" },
  { name: "for-vendors", path: "/for-vendors" },
  { name: "login", path: "/login" },
  { name: "manage", path: "/manage", as: "managerLongquan" as const },
  { name: "vendor-status", path: "/for-vendors", as: "vendor" as const },
  { name: "not-found", path: "/no-such-page" },
  { name: "join", path: "/join" },
  { name: "vendor-home", path: "/vendor", as: "vendor" as const },
  { name: "vendor-documents", path: "/vendor/documents", as: "vendor" as const },
  { name: "vendor-pending", path: "/vendor", as: "pendingVendor" as const },
  { name: "review-queue", path: "/manage/vendors", as: "managerParks" as const },
  { name: "review-vendor", path: "/manage/vendors/43", as: "managerParks" as const },
  { name: "staff", path: "/manage/staff", as: "office" as const },
  { name: "account", path: "/account/password", as: "vendor" as const },
  { name: "forgot", path: "/forgot-password" },
  { name: "book-choose", path: "/book", as: "vendor" as const },
  { name: "book-stalls", path: "/book/fuxin-community", as: "vendor" as const },
  { name: "bookings", path: "/vendor/bookings", as: "vendor" as const },
  { name: "zone-manage", path: "/manage/zones/fuxin-community", as: "managerLongquan" as const },
  { name: "layout", path: "/manage/zones/shuita-community/layout", as: "managerLongquan" as const },
  { name: "layout-queue", path: "/manage/layouts", as: "office" as const },
  { name: "report-form", path: "/markets/fuxin-community/report" },
  { name: "reports-public", path: "/reports" },
  { name: "report-inbox", path: "/manage/reports", as: "managerParks" as const },
  {
    name: "inspections",
    path: "/manage/zones/fuxin-community/inspections",
    as: "managerLongquan" as const,
  },
  {
    name: "announcements",
    path: "/manage/zones/fuxin-community/announcements",
    as: "managerLongquan" as const,
  },
  { name: "figures", path: "/manage/figures", as: "office" as const },
  { name: "audit", path: "/manage/audit", as: "office" as const },
  { name: "day-sheet", path: "/manage/zones/fuxin-community/day", as: "managerLongquan" as const },
  { name: "ballots", path: "/ballots" },
  { name: "ballot-drawn", path: "/ballots/b-chunjie-2026" },
  { name: "ballot-apply", path: "/ballots/b-longquan-open/apply", as: "vendor" as const },
  { name: "ballot-verify", path: "/ballots/verify" },
];

for (const locale of ["zh-CN", "en"]) {
  for (const width of [360, 1280]) {
    test.describe(`${locale} at ${width}px`, () => {
      test.use({ locale, viewport: { width, height: width < 600 ? 780 : 900 } });
      for (const shot of pages) {
        test(shot.name, async ({ page, login }) => {
          if (shot.as) await login(shot.as);
          await page.goto(shot.path);
          await expect(page.locator("html")).toHaveAttribute("lang", locale);
          // Let the map draw before the picture is taken.
          await page.waitForLoadState("networkidle").catch(() => {});
          await page.screenshot({
            path: `e2e/.screenshots/${shot.name}-${locale}-${width}.png`,
            fullPage: true,
          });
        });
      }
    });
  }
}
