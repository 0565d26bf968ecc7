import fs from "node:fs";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { loader } from "./healthz";

describe("/healthz", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers ok after a real write", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    const probe = await db.selectFrom("health_probe").selectAll().executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(probe.checked_at)).toBeLessThan(60_000);
  });

  it("answers 503 when the database answers reads but refuses writes", async () => {
    // SQLite triggers stand in for a full disk or a read-only file: `select 1` still answers.
    if (!process.env.DATABASE_URL?.startsWith("file:")) return;
    for (const event of ["insert", "update"])
      await sql
        .raw(
          `create trigger health_probe_refuses_${event} before ${event} on health_probe begin select raise(abort, 'database or disk is full'); end`,
        )
        .execute(db);
    try {
      await sql`select 1`.execute(db);
      const response = await loader();
      expect(response.status).toBe(503);
      expect(await response.text()).toBe("database unavailable");
    } finally {
      for (const event of ["insert", "update"])
        await sql.raw(`drop trigger health_probe_refuses_${event}`).execute(db);
    }
  });

  it("says degraded when the disk for uploads is below its floor", async () => {
    const floor = getEnv().UPLOAD_MIN_FREE_MB * 1024 * 1024;
    vi.spyOn(fs.promises, "statfs").mockResolvedValue({
      bavail: Math.floor(floor / 4096) - 1,
      bsize: 4096,
    } as fs.StatsFs);
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^degraded: /);
  });

  it("answers 503 when the database is gone", async () => {
    await db.destroy();
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("database unavailable");
    globalThis.__jishiDb = undefined;
  });
});
