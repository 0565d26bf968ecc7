import { describe, expect, it } from "vitest";
import { makeSessionCookie } from "./session-cookie.server";

describe("the session cookie", () => {
  it("is httpOnly and SameSite=Lax; over HTTPS Secure with the __Host- prefix", async () => {
    const plain = await makeSessionCookie(["s".repeat(32)]).serialize("id");
    expect(plain).toMatch(/^jishi_session=/);
    expect(plain).toContain("HttpOnly");
    expect(plain).toContain("SameSite=Lax");
    expect(plain).not.toContain("Secure");
    const secure = await makeSessionCookie(["s".repeat(32)], { secure: true }).serialize("id");
    expect(secure).toMatch(/^__Host-jishi_session=/);
    expect(secure).toContain("Secure");
    expect(secure).toContain("Path=/");
    expect(secure).not.toContain("Domain=");
  });
});
