import { describe, expect, it } from "vitest";
import { viewerOf } from "./viewer.server";

describe("whose session a page was made for", () => {
  it("is a digest of the session cookie, the same for the same session, never the cookie", () => {
    const a = viewerOf("theme=x; jishi_session=abc.def");
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(a).not.toContain("abc");
    expect(viewerOf("jishi_session=abc.def; other=1")).toBe(a);
    expect(viewerOf("__Host-jishi_session=abc.def")).toBe(a);
    expect(viewerOf("jishi_session=ghi.jkl")).not.toBe(a);
  });

  it("is '-' for no one signed in", () => {
    expect(viewerOf(undefined)).toBe("-");
    expect(viewerOf("theme=x")).toBe("-");
    expect(viewerOf("not_jishi_session=abc")).toBe("-");
  });
});
