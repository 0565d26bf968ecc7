import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loader } from "./healthz";

describe("/healthz", () => {
  it("answers 200 when the database answers, 503 when it cannot", async () => {
    expect((await loader()).status).toBe(200);
    await db.destroy();
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("database unavailable");
    globalThis.__jishiDb = undefined;
  });
});
