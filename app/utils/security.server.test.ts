import { describe, expect, it } from "vitest";
import { securityHeaders, tileSource } from "./security.server";

describe("the map tiles' source in the Content Security Policy", () => {
  it("is the tile server's origin, with a wildcard for {s} subdomains", () => {
    expect(tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe(
      "https://tile.openstreetmap.org",
    );
    expect(tileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe(
      "https://*.tile.example.org",
    );
    expect(tileSource("http://localhost:8080/tiles/{z}/{x}/{y}.png")).toBe("http://localhost:8080");
    expect(tileSource("")).toBeNull();
  });
});

describe("the Content Security Policy", () => {
  it("names a fresh nonce for each response and keeps everything else fixed", () => {
    const [withNonce] = securityHeaders({
      tileUrl: "https://{s}.tile.example.org/{z}/{x}/{y}.png",
      https: true,
    });
    const policy = () => {
      const headers = new Map<string, string>();
      const res = {
        locals: {} as Record<string, unknown>,
        setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
      };
      withNonce!({} as never, res as never, () => {});
      return { header: headers.get("content-security-policy")!, nonce: res.locals.cspNonce };
    };
    const first = policy();
    const second = policy();
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.header).toBe(
      `default-src 'self';script-src 'self' 'nonce-${String(first.nonce)}';style-src 'self';` +
        "img-src 'self' data: blob: https://*.tile.example.org;connect-src 'self';font-src 'self';" +
        "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none';" +
        "upgrade-insecure-requests",
    );
    expect(second.header).toContain(`'nonce-${String(second.nonce)}'`);
  });
});
