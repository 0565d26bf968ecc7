// Bad input, thousands of times: every action of every route, as people allowed to use it, gets
// malformed, oversized, wrongly typed and hostile values in every field it reads, urlencoded and
// multipart, and bodies that are not forms at all. The server must answer each without a 500 or
// an uncaught error, every refusal must carry message keys from the catalogue (never a
// library's English), and the database must stay whole.
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { isPostgres } from "#db/portable";
import { cookieForUser, testContext } from "#db/testing/requests";
import { allZhCN as zhCN } from "~/locales/all";
import { db } from "~/utils/db.server";

const FIELDS =
  "agree all amount assignee body bookingId category code comment confirm contact current date day decision description displayName email endTime endsOn entryId expiresOn findings followupId from homeCommunity id identifier interval key kind lat layout layoutId legalName lng localDate locale managerId password person phone products reason redirectTo reply requiresApproval session sessionKey stallId startTime startsOn time title titleEn titleZh to until website weekday weeks zone".split(
    " ",
  );
const INTENTS =
  "acceptOffer addClosure addEvent addTemplate approve assign calendar cancelSeries close create done interval leaveWaitlist markRead record resetCalendar resolve resubmit return rules saveSettings start submit waitlist zones save requestChanges reject suspend lift verify resend send confirm reminders resendMessage".split(
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
    // Half as urlencoded forms, half multipart (the upload forms read only multipart).
    const body = i % 2 === 0 ? new URLSearchParams() : new FormData();
    body.set("intent", pick(INTENTS));
    for (let f = 0; f < 8; f++) body.append(pick(FIELDS), pick(HOSTILE));
    yield body;
  }
}

const CATALOGUE = new Set<string>(Object.keys(zhCN));

/**
 * What a refusal tells the person, as message keys: an `errors` object's values, a message, or a
 * booking refusal's code (translated as `book.refusal.<code>`). Keys unknown to the catalogue
 * (a library's own English message leaking through) are listed apart.
 */
function messagesIn(value: unknown, found = { known: 0, unknown: [] as string[] }) {
  if (typeof value === "string") {
    if (CATALOGUE.has(value)) found.known += 1;
    else if (/^[a-z][A-Za-z]*(\.[A-Za-z]+)+$/.test(value) || /^Invalid|^Expected/.test(value))
      found.unknown.push(value);
  } else if (value && typeof value === "object") {
    const { refusal } = value as { refusal?: { code?: unknown } };
    if (refusal && typeof refusal.code === "string") {
      if (CATALOGUE.has(`book.refusal.${refusal.code}`)) found.known += 1;
      else found.unknown.push(`book.refusal.${refusal.code}`);
    }
    for (const [k, v] of Object.entries(value)) if (k !== "refusal") messagesIn(v, found);
  }
  return found;
}

type Outcome = { status: number; data: unknown; response: boolean };

/** Checks one answer; gives back what is wrong with it, or null. */
function judge(file: string, { status, data, response }: Outcome): string | null {
  if (status >= 500) return `${file}: ${status}`;
  if (response) return null; // a redirect, or a thrown 4xx that the error page translates
  const messages = messagesIn(data);
  if (messages.unknown.length > 0)
    return `${file}: untranslated ${messages.unknown.slice(0, 3).join(", ")}`;
  if (status >= 400 && messages.known === 0)
    return `${file}: ${status} without a message: ${JSON.stringify(data).slice(0, 120)}`;
  const { errors } = (data ?? {}) as { errors?: Record<string, unknown> };
  if (status < 400 && errors && Object.keys(errors).length > 0)
    return `${file}: errors answered with ${status}`;
  return null;
}

async function settleAction(run: () => Promise<unknown>): Promise<Outcome | string> {
  try {
    const outcome = await run();
    // A resource route's JSON answer (the market day's sync) is judged by what it says.
    if (outcome instanceof Response && outcome.headers.get("Content-Type")?.includes("json"))
      return { status: outcome.status, data: await outcome.json(), response: false };
    if (outcome instanceof Response) return { status: outcome.status, data: null, response: true };
    const single = outcome as { init?: { status?: number }; data?: unknown } | null;
    if (single && "data" in single && "init" in single)
      return { status: single.init?.status ?? 200, data: single.data, response: false };
    return { status: 200, data: outcome, response: false };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, response: true };
    return String(thrown).slice(0, 160);
  }
}

/** Routes whose actions answer only people signed in (anyone else is sent to the login page). */
const MEMBERS_ONLY = /^(manage|vendor|book|account)\./;

const PARAMS = { slug: "fuxin-community", id: "1", token: "x", code: "ABCDEFGH", n: "0", "*": "x" };

describe("bad input to every action", () => {
  it(
    "is refused with a translated 4xx, never a 500, and leaves the database whole",
    {
      timeout: 300_000,
    },
    async () => {
      const people = await db
        .selectFrom("users")
        .select("id")
        .where("email", "in", [
          "office@jishi.example",
          "manager.longquan@jishi.example",
          "vendor.wang@jishi.example",
        ])
        .execute();
      expect(people).toHaveLength(3);
      // Fresh sessions for every route: the logout action, fuzzed, ends the ones before.
      const cookiesNow = async () => [
        ...(await Promise.all(people.map((p) => cookieForUser(p.id)))),
        "", // and nobody
      ];
      const routes = fs
        .readdirSync(path.join(process.cwd(), "app/routes"))
        .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));
      let requests = 0;
      // Signed-in requests that got past the gates to the action's own reading of the form: the
      // proof that the sessions held and the values were really tried.
      let reachedForms = 0;
      const failures = new Set<string>();
      // Each request from its own address, so that the per-address limits do not end the run early.
      const context = () => ({
        ...testContext,
        clientIp: `198.18.${Math.floor(requests / 250)}.${requests % 250}`,
      });
      for (const file of routes) {
        const mod = (await import(`./${file.replace(/\.tsx?$/, "")}`)) as {
          action?: (args: unknown) => Promise<unknown>;
        };
        if (!mod.action) continue;
        const action = mod.action;
        for (const [i, cookie] of (await cookiesNow()).entries()) {
          for (const body of bodies(file.length * 31 + i, 25)) {
            requests += 1;
            const request = new Request(`http://localhost/${file}`, {
              method: "POST",
              headers: cookie ? { Cookie: cookie } : {},
              body,
            });
            const outcome = await settleAction(() =>
              action({ request, params: PARAMS, context: context() }),
            );
            const problem =
              typeof outcome === "string" ? `${file}: ${outcome}` : judge(file, outcome);
            if (problem) failures.add(problem);
            if (
              cookie &&
              typeof outcome !== "string" &&
              !outcome.response &&
              MEMBERS_ONLY.test(file)
            )
              reachedForms += 1;
          }
        }
        // Bodies that are not forms at all: bytes that are not UTF-8, JSON, nothing.
        const [office] = await cookiesNow();
        for (const raw of [
          Buffer.from([0xff, 0xfe, 0xfd, 0x00]),
          Buffer.from('{"intent":1}'),
          Buffer.alloc(0),
        ]) {
          for (const type of [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
          ]) {
            requests += 1;
            const request = new Request(`http://localhost/${file}`, {
              method: "POST",
              headers: { "Content-Type": type, Cookie: office! },
              body: raw,
            });
            const outcome = await settleAction(() =>
              action({ request, params: PARAMS, context: context() }),
            );
            const problem =
              typeof outcome === "string" ? `${file} (raw body): ${outcome}` : judge(file, outcome);
            if (problem) failures.add(problem);
          }
        }
      }
      expect([...failures]).toEqual([]);
      expect(requests).toBeGreaterThan(2000);
      console.info(`fuzz: ${requests} requests, ${reachedForms} read by members-only actions`);
      expect(reachedForms).toBeGreaterThan(400);
      // PostgreSQL checks every constraint as it writes; SQLite is asked to check its file.
      if (!isPostgres(db)) {
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
          db,
        );
        expect(integrity.rows[0]?.integrity_check).toBe("ok");
        const broken = await sql`pragma foreign_key_check`.execute(db);
        expect(broken.rows).toEqual([]);
      }
    },
  );
});
