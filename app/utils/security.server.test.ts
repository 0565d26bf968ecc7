import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security.server";

describe("the Content Security Policy", () => {
  it("names a fresh nonce for each response and keeps everything else fixed", () => {
    const [withNonce] = securityHeaders({
      tileHosts: ["https://a.tile.example.org", "https://b.tile.example.org"],
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
        "img-src 'self' data: blob: https://a.tile.example.org https://b.tile.example.org;connect-src 'self';font-src 'self';" +
        "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none';" +
        "upgrade-insecure-requests",
    );
    expect(second.header).toContain(`'nonce-${String(second.nonce)}'`);
  });
});
