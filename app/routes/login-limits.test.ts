import { describe, expect, it } from "vitest";
import { DEMO_PASSWORDS } from "#db/demo/people";
import { action } from "./login";

async function attempt(identifier: string, password: string, clientIp: string) {
  const body = new URLSearchParams({ identifier, password });
  const request = new Request("http://localhost/login", { method: "POST", body });
  return action({ request, params: {}, context: { clientIp } });
}

type Answer = {
  init: { status: number; headers?: Record<string, string> };
  data: { errors: Record<string, string> };
};

describe("failed logins", () => {
  it("give 429 with Retry-After on the 11th in a minute from one address", async () => {
    for (let i = 0; i < 10; i++) {
      const answer = (await attempt(
        `nobody${i}@jishi.example`,
        "wrong-password",
        "198.51.100.1",
      )) as unknown as Answer;
      expect(answer.init.status).toBe(400);
    }
    const eleventh = (await attempt(
      "other@jishi.example",
      "wrong-password",
      "198.51.100.1",
    )) as unknown as Answer;
    expect(eleventh.init.status).toBe(429);
    expect(eleventh.data.errors.form).toBe("error.tooManyAttempts");
    expect(Number(eleventh.init.headers?.["Retry-After"])).toBeGreaterThan(0);
    // Even the right password waits: the limit is checked before the password.
    const right = (await attempt(
      "office@jishi.example",
      DEMO_PASSWORDS.office,
      "198.51.100.1",
    )) as unknown as Answer;
    expect(right.init.status).toBe(429);
  });

  it("give 429 on the 11th at one account, from any addresses", async () => {
    for (let i = 0; i < 10; i++) {
      await attempt("manager.parks@jishi.example", "wrong-password", `203.0.113.${i}`);
    }
    const eleventh = (await attempt(
      "MANAGER.PARKS@jishi.example",
      "wrong-password",
      "203.0.113.99",
    )) as unknown as Answer;
    expect(eleventh.init.status).toBe(429);
    // Another account from a fresh address is not affected.
    const other = (await attempt(
      "office@jishi.example",
      DEMO_PASSWORDS.office,
      "203.0.113.100",
    )) as Response;
    expect(other.status).toBe(302);
  });
});
