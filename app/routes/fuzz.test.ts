// Bad input, thousands of times: every action of every route, as people allowed to use it, gets
// malformed, oversized, wrongly typed and hostile values in every field it reads. The server
// must answer each with a refusal (never a 500 or an uncaught error), and the database must
// stay whole: no broken reference, integrity check ok.
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testContext } from "#db/testing/requests";
import { createSession } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";

const FIELDS =
  "agree all amount assignee body bookingId category code comment confirm contact current date day decision description displayName email endTime endsOn entryId expiresOn findings followupId from homeCommunity id identifier interval key kind lat layout layoutId legalName lng localDate locale managerId password person phone products reason redirectTo reply requiresApproval session sessionKey stallId startTime startsOn time title titleEn titleZh to until website weekday weeks zone".split(
    " ",
  );
const INTENTS =
  "acceptOffer addClosure addEvent addTemplate approve assign calendar cancelSeries close create done interval leaveWaitlist markRead record resetCalendar resolve resubmit return rules saveSettings start submit waitlist zones save requestChanges reject suspend lift".split(
    " ",
  );
const HOSTILE = [
  "",
  " ",
  "<script>alert(1)</script>",
  "'; drop table bookings; --",
  '" OR 1=1 --',
  "x".repeat(100_000),
  "字".repeat(20_000),
  "-1",
  "0",
  "1e308",
  "-9007199254740993",
  "NaN",
  "2026-02-30",
  "2026-13-01",
  "9999-12-31",
  "25:61",
  "null",
  "[]",
  "{}",
  '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[0,0],[0,0]]]},"properties":{"kind":"boundary"}}]}',
  "../../etc/passwd",
  "javascript:alert(1)",
  "//evil.example",
  "\u0000\u0001\u0002",
  "\ud800",
  "🏪".repeat(500),
  "1,2,3",
  "true",
];

function* bodies(seed: number, count: number) {
  let state = seed;
  const pick = <T>(list: readonly T[]) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return list[state % list.length]!;
  };
  for (let i = 0; i < count; i++) {
    const body = new URLSearchParams();
    body.set("intent", pick(INTENTS));
    for (let f = 0; f < 8; f++) body.append(pick(FIELDS), pick(HOSTILE));
    yield body;
  }
}

const PARAMS = { slug: "fuxin-community", id: "1", token: "x", code: "ABCDEFGH", n: "0", "*": "x" };

describe("bad input to every action", () => {
  it("is refused without a 500, and leaves the database whole", { timeout: 300_000 }, async () => {
    const people = await db
      .selectFrom("users")
      .select(["id", "role"])
      .where((eb) =>
        eb.or([
          eb("email", "in", [
            "office@jishi.example",
            "manager.longquan@jishi.example",
            "vendor.wang@jishi.example",
          ]),
        ]),
      )
      .execute();
    const cookies = await Promise.all(
      people.map(
        async (p) =>
          (
            await sessionCookie.serialize(
              (await createSession(db, { userId: p.id, userAgent: "fuzz" })).id,
            )
          ).split(";")[0]!,
      ),
    );
    cookies.push(""); // and nobody
    const routes = fs
      .readdirSync(path.join(process.cwd(), "app/routes"))
      .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));
    let requests = 0;
    const failures: string[] = [];
    for (const file of routes) {
      const mod = (await import(`./${file.replace(/\.tsx?$/, "")}`)) as {
        action?: (args: unknown) => Promise<unknown>;
      };
      if (!mod.action) continue;
      for (const [i, cookie] of cookies.entries()) {
        for (const body of bodies(file.length * 31 + i, 25)) {
          requests += 1;
          const request = new Request(`http://localhost/${file}`, {
            method: "POST",
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              ...(cookie ? { Cookie: cookie } : {}),
            },
            body,
          });
          try {
            const outcome = await mod.action({ request, params: PARAMS, context: testContext });
            const status =
              outcome instanceof Response
                ? outcome.status
                : ((outcome as { init?: { status?: number } } | null)?.init?.status ?? 200);
            if (status >= 500) failures.push(`${file}: ${status}`);
          } catch (thrown) {
            if (!(thrown instanceof Response))
              failures.push(`${file}: ${String(thrown).slice(0, 160)}`);
            else if (thrown.status >= 500) failures.push(`${file}: thrown ${thrown.status}`);
          }
        }
      }
      // Bodies that are not forms at all: bytes that are not UTF-8, JSON, nothing.
      for (const raw of [
        Buffer.from([0xff, 0xfe, 0xfd, 0x00]),
        Buffer.from('{"intent":1}'),
        Buffer.alloc(0),
      ]) {
        requests += 1;
        const request = new Request(`http://localhost/${file}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies[0]! },
          body: raw,
        });
        try {
          await mod.action({ request, params: PARAMS, context: testContext });
        } catch (thrown) {
          if (!(thrown instanceof Response) || thrown.status >= 500)
            failures.push(`${file} (raw body): ${String(thrown).slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    expect(integrity.rows[0]?.integrity_check).toBe("ok");
    const broken = await sql`pragma foreign_key_check`.execute(db);
    expect(broken.rows).toEqual([]);
  });
});
