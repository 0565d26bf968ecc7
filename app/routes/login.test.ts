// The login action with real requests on a fresh copy of the demo database.
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORDS } from "#db/demo/people";
import { action } from "./login";

function post(body: BodyInit, contentType?: string) {
  const headers = contentType ? { "Content-Type": contentType } : undefined;
  const request = new Request("http://localhost/login", { method: "POST", body, headers });
  return action({ request, params: {}, context: { clientIp: "192.0.2.10" } });
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields);
}

type Refusal = {
  type: "DataWithResponseInit";
  data: { errors: Record<string, string>; identifier: string };
  init: { status: number };
};

describe("the login action", () => {
  it("logs in a demo manager and sends them to their markets with a session cookie", async () => {
    const response = (await post(
      form({ identifier: "manager.parks@jishi.example", password: DEMO_PASSWORDS.manager }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/manage");
    expect(response.headers.get("Set-Cookie")).toMatch(/^jishi_session=/);
  });

  it("honours a same-site redirectTo and ignores one to another site", async () => {
    const ok = (await post(
      form({ identifier: "13800000001", password: DEMO_PASSWORDS.vendor, redirectTo: "/markets" }),
    )) as Response;
    expect(ok.headers.get("Location")).toBe("/markets");
    const evil = (await post(
      form({
        identifier: "13800000001",
        password: DEMO_PASSWORDS.vendor,
        redirectTo: "//evil.example",
      }),
    )) as Response;
    expect(evil.headers.get("Location")).toBe("/vendor");
  });

  it.each([
    ["/\t/evil.example", "/vendor"],
    ["/\r\n/evil.example", "/vendor"],
    ["/集市", "/%E9%9B%86%E5%B8%82"],
    ["/\u3000/markets", "/%E3%80%80/markets"],
  ])("never sends a redirectTo of %j off the site or into a broken header", async (to, where) => {
    const response = (await post(
      form({ identifier: "13800000001", password: DEMO_PASSWORDS.vendor, redirectTo: to }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(where);
  });

  it("refuses a wrong password with 400, a message key, and what was typed", async () => {
    const result = (await post(
      form({ identifier: "13900000001", password: "nope-nope" }),
    )) as unknown as Refusal;
    expect(result.init.status).toBe(400);
    expect(result.data.errors).toEqual({ form: "login.error.invalid" });
    expect(result.data.identifier).toBe("13900000001");
  });

  it("names each empty field", async () => {
    const result = (await post(form({ identifier: " ", password: "" }))) as unknown as Refusal;
    expect(result.init.status).toBe(400);
    expect(result.data.errors).toEqual({
      identifier: "login.error.identifierRequired",
      password: "login.error.passwordRequired",
    });
  });

  it.each([
    ["JSON", '{"identifier":"x"}', "application/json"],
    ["plain text", "hello", "text/plain"],
    ["a broken multipart body", "--x\r\n", "multipart/form-data; boundary=x"],
  ])("answers 400, not 500, to %s", async (_name, body, type) => {
    const result = (await post(body, type)) as unknown as Refusal;
    expect(result.init.status).toBe(400);
  });
});
