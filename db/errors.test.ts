import { describe, expect, it } from "vitest";
import { isConnectionLost, isDatabaseUnavailable, violatedUniqueIndex } from "./errors";

const failure = (code: string | undefined, message = "") =>
  Object.assign(new Error(message), { code });

describe("what a database failure means", () => {
  it.each([
    // PostgreSQL shut down or restarted under the request, or a backend terminated.
    [failure("57P01", "terminating connection due to administrator command"), true, true],
    [failure("57P03", "the database system is starting up"), true, false],
    [failure("08006", "connection failure"), true, true],
    [failure("53300", "sorry, too many clients already"), true, false],
    [failure("57014", "canceling statement due to statement timeout"), true, false],
    [failure("25P03", "terminating connection due to idle-in-transaction timeout"), true, false],
    // The network and node-postgres.
    [failure("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"), true, true],
    [failure(undefined, "Connection terminated unexpectedly"), true, true],
    [
      failure(undefined, "Client has encountered a connection error and is not queryable"),
      true,
      true,
    ],
    [failure(undefined, "timeout exceeded when trying to connect"), true, true],
    // SQLite's disk.
    [failure("SQLITE_FULL", "database or disk is full"), true, false],
    [failure("SQLITE_READONLY", "attempt to write a readonly database"), true, false],
    [failure("SQLITE_IOERR_WRITE", "disk I/O error"), true, false],
    [failure("SQLITE_BUSY", "database is locked"), true, false],
    // About the request, not the database: a 4xx or a bug, never "try again".
    [failure("23505", "duplicate key value violates unique constraint"), false, false],
    [failure("40001", "could not serialize access"), false, false],
    [failure("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed"), false, false],
    [failure("42P01", 'relation "bookings" does not exist'), false, false],
    [new TypeError("Cannot read properties of undefined"), false, false],
    [null, false, false],
  ])("%s: unavailable %s, connection lost %s", (error, unavailable, lost) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
    expect(isConnectionLost(error)).toBe(lost);
  });

  it("still names the unique index a refused insert ran into", () => {
    const pgError = Object.assign(failure("23505"), {
      constraint: "bookings_one_per_stall_session",
    });
    expect(violatedUniqueIndex(pgError)).toBe("bookings_one_per_stall_session");
  });
});
