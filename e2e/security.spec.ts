import { expect, test } from "./fixtures";

test("pages run under an enforced Content Security Policy without a single violation", async ({
  page,
  login,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await login("managerLongquan");
  for (const path of [
    "/",
    "/markets/fuxin-community",
    "/search?q=剪纸",
    "/manage/zones/fuxin-community/layout",
    "/markets/fuxin-community/report",
  ]) {
    const response = await page.goto(path);
    const csp = response!.headers()["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
    await page.waitForLoadState("networkidle").catch(() => {});
  }
  // The map still draws from our own data: scripts ran.
  await page.goto("/markets/fuxin-community");
  await expect(page.locator(".leaflet-container")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a form posted from another site is refused", async ({ request }) => {
  const response = await request.post("/language", {
    headers: { Origin: "https://evil.example" },
    form: { locale: "en", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  const own = await request.post("/language", {
    form: { locale: "en", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(own.status()).toBe(302);
});
