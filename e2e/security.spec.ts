import { expect, test } from "./fixtures";

test("pages run under an enforced Content Security Policy without a single violation", async ({
  page,
  pageAs,
}) => {
  // Every violation the browser reports on the page (eval probes included), not only the ones
  // it happens to print to the console.
  const listen = (p: typeof page) =>
    p.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
  const violations: string[] = [];
  const visit = async (p: typeof page, path: string) => {
    const response = await p.goto(path);
    const csp = response!.headers()["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp, path).not.toContain("unsafe-eval");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
    await p.waitForLoadState("networkidle").catch(() => {});
    const seen = await p.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    violations.push(...seen.map((v) => `${path}: ${v}`));
  };
  const console_ = (p: typeof page) =>
    p.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text()))
        violations.push(message.text());
    });

  // Signed out: the public pages and the forms people sign in and up with.
  await listen(page);
  console_(page);
  for (const path of [
    "/",
    "/markets/fuxin-community",
    "/markets/fuxin-community/poster",
    "/search?q=剪纸",
    "/join",
    "/login",
  ])
    await visit(page, path);
  // The map still draws from our own data: scripts ran.
  await page.goto("/markets/fuxin-community");
  await expect(page.locator(".leaflet-container")).toBeVisible();

  const manager = await pageAs("managerLongquan");
  await listen(manager);
  console_(manager);
  for (const path of ["/manage/zones/fuxin-community/layout", "/markets/fuxin-community/report"])
    await visit(manager, path);
  const vendor = await pageAs("vendor");
  await listen(vendor);
  console_(vendor);
  await visit(vendor, "/book/fuxin-community");
  expect(violations).toEqual([]);
});

test("styles need no 'unsafe-inline', and a paper download says nosniff once", async ({
  page,
  login,
}) => {
  const home = await page.request.get("/");
  const csp = home.headers()["content-security-policy"]!;
  expect(csp).toMatch(/style-src 'self'(;|$)/);
  expect(csp).not.toContain("unsafe-inline");

  await login("vendor");
  await page.goto("/vendor/documents");
  const href = await page.getByRole("link", { name: "下载" }).first().getAttribute("href");
  const paper = await page.request.get(href!);
  expect(paper.status()).toBe(200);
  expect(paper.headers()["x-content-type-options"]).toBe("nosniff");
  expect(paper.headers()["cache-control"]).toBe("private, no-store");
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
