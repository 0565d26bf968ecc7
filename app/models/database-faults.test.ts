// The database's bad moments, against the real engine: a PostgreSQL backend terminated in the
// middle of a transaction (what a restart, a failover or an operator's pg_terminate_backend does
// to every connection), and an SQLite file that fills up. Each booking answered as made must
// exist once; what failed must have written nothing and succeed when tried again.
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "#db/errors";
import { createApprovedVendor, stallsTaking, templateKey } from "#db/testing/factories";
import { TEST_ON_POSTGRES } from "#db/testing/postgres";
import { addDays } from "~/domain/calendar";
import { inTransaction } from "#db/transaction";
import { db } from "~/utils/db.server";
import { bookStall, newIdempotencyKey, type BookResult } from "./booking.server";

// Saturday 28 November 2026, 08:00 in Huguan; Fuxin's morning market runs every day.
const now = new Date("2026-11-28T00:00:00Z");
const ZONE = "fuxin-community";

/** Bookings of different stalls and days, each by a vendor of its own. */
async function bookingRequests(count: number, days: string[]) {
  const stalls = await stallsTaking(db, ZONE, "fresh_produce");
  const sessionKey = await templateKey(db, ZONE, "morning");
  const requests = [];
  for (let i = 0; i < count; i++) {
    const { vendorId } = await createApprovedVendor(db);
    requests.push({
      vendorId,
      stallId: stalls[i % stalls.length]!.id,
      localDate: days[Math.floor(i / stalls.length)]!,
      sessionKey,
      idempotencyKey: newIdempotencyKey(),
    });
  }
  return requests;
}

type Answer = { ok: true; result: BookResult } | { ok: false; error: unknown };

const answer = (promise: Promise<BookResult>): Promise<Answer> =>
  promise.then(
    (result) => ({ ok: true, result }),
    (error: unknown) => ({ ok: false, error }),
  );

async function bookingsWithKey(vendorId: number, key: string) {
  return db
    .selectFrom("bookings")
    .select(["id", "status"])
    .where("vendor_id", "=", vendorId)
    .where("idempotency_key", "=", key)
    .execute();
}

describe.runIf(TEST_ON_POSTGRES)("PostgreSQL connections that die", () => {
  const admin = () => new pg.Client({ connectionString: process.env.DATABASE_URL });

  it("a backend terminated between two statements of a transaction is an error, not an exit", async () => {
    const client = admin();
    await client.connect();
    try {
      const failed = await inTransaction(db, async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await client.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
        // Long enough for the connection to hear it is closed while the transaction holds it.
        await new Promise((r) => setTimeout(r, 500));
        return sql`select 1`.execute(trx);
      }).catch((error: unknown) => error);
      expect(isDatabaseUnavailable(failed)).toBe(true);
      // The pool has let the dead connection go: the next query gets a live one.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows[0]!.one).toBe(1);
    } finally {
      await client.end();
    }
  });

  it("bookings under a storm of terminated backends: each one made exists once; the rest succeed when sent again", async () => {
    const requests = await bookingRequests(60, ["2026-12-08", "2026-12-09", "2026-12-10"]);
    const client = admin();
    await client.connect();
    let killed = 0;
    let storming = true;
    const storm = (async () => {
      while (storming) {
        const { rowCount } = await client.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
        );
        killed += rowCount ?? 0;
        await new Promise((r) => setTimeout(r, 120));
      }
    })();
    const answers = await Promise.all(
      requests.map(async (input, i) => {
        await new Promise((r) => setTimeout(r, i * 3));
        return answer(bookStall(db, input, now));
      }),
    );
    storming = false;
    await storm;
    await client.end();
    expect(killed).toBeGreaterThan(0);

    for (const [i, a] of answers.entries()) {
      const input = requests[i]!;
      if (a.ok) {
        // Answered as made: it is there, once, whatever the connection went through.
        expect(a.result.ok).toBe(true);
        const rows = await bookingsWithKey(input.vendorId, input.idempotencyKey);
        expect(rows.map((r) => r.status)).toEqual(["confirmed"]);
      } else {
        expect(isDatabaseUnavailable(a.error), String(a.error)).toBe(true);
      }
    }
    // The vendor whose request failed sends the form again: it makes the booking, or finds the
    // one the lost connection did commit; either way, one.
    for (const [i, a] of answers.entries()) {
      if (a.ok) continue;
      const input = requests[i]!;
      const again = await bookStall(db, input, now);
      expect(again.ok).toBe(true);
      expect(await bookingsWithKey(input.vendorId, input.idempotencyKey)).toHaveLength(1);
    }
    console.log(
      `Terminated ${killed} backends; ${answers.filter((a) => a.ok).length} of ${answers.length} bookings answered at once, the others on a second try.`,
    );
  });
});

describe.runIf(!TEST_ON_POSTGRES)("an SQLite database that fills up", () => {
  it("refuses the bookings that do not fit, writes nothing of them, and takes them once there is room", async () => {
    const days = Array.from({ length: 10 }, (_, i) => addDays("2026-12-01", i));
    const requests = await bookingRequests(300, days);
    const pragma = async (text: string) =>
      Object.values((await sql.raw(`pragma ${text}`).execute(db)).rows[0] as object)[0] as number;
    const [pages, unlimited] = [await pragma("page_count"), await pragma("max_page_count")];
    // Two pages of room beyond the slack the tables have: bookings fit for a while, then the
    // file is full (the test's stand-in for a full disk).
    await pragma(`max_page_count = ${pages + 2}`);
    const answers: Answer[] = [];
    try {
      for (const input of requests) {
        answers.push(await answer(bookStall(db, input, now)));
        if (answers.filter((a) => !a.ok).length === 5) break;
      }
    } finally {
      await pragma(`max_page_count = ${unlimited}`);
    }
    const refused = answers.filter((a) => !a.ok);
    // What was not refused for room was made: the rules had nothing against any of them.
    for (const a of answers) if (a.ok) expect(a.result.ok).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(isDatabaseUnavailable(a.ok ? null : a.error)).toBe(true);
    for (const [i, a] of answers.entries()) {
      const input = requests[i]!;
      const rows = await bookingsWithKey(input.vendorId, input.idempotencyKey);
      // Made and there once, or refused and not there at all: nothing half-written.
      expect(rows).toHaveLength(a.ok ? 1 : 0);
      if (!a.ok) {
        const audit = await db
          .selectFrom("audit_log")
          .select("id")
          .where("actor_user_id", "=", (await userOf(input.vendorId)).user_id)
          .execute();
        expect(audit).toEqual([]);
        expect((await bookStall(db, input, now)).ok).toBe(true);
      }
    }
    expect(await sql`pragma integrity_check`.execute(db)).toMatchObject({
      rows: [{ integrity_check: "ok" }],
    });
  });
});

function userOf(vendorId: number) {
  return db
    .selectFrom("vendors")
    .select("user_id")
    .where("id", "=", vendorId)
    .executeTakeFirstOrThrow();
}
