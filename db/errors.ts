// Which unique index a failed insert ran into, on either engine. SQLite names the columns in its
// message; PostgreSQL names the constraint (23505 for a unique index, 23P01 for an exclusion
// constraint, should one ever guard the same rule).
const SQLITE_INDEX_COLUMNS: Record<string, string> = {
  bookings_one_per_stall_session: "bookings.stall_id, bookings.local_date, bookings.session_key",
  bookings_one_per_vendor_session:
    "bookings.vendor_id, bookings.zone_id, bookings.local_date, bookings.session_key",
  bookings_vendor_idempotency: "bookings.vendor_id, bookings.idempotency_key",
};

export type UniqueIndex = keyof typeof SQLITE_INDEX_COLUMNS;

export function violatedUniqueIndex(error: unknown): UniqueIndex | null {
  if (!error || typeof error !== "object") return null;
  const { code, message, constraint } = error as {
    code?: string;
    message?: string;
    constraint?: string;
  };
  if ((code === "23505" || code === "23P01") && constraint && constraint in SQLITE_INDEX_COLUMNS)
    return constraint as UniqueIndex;
  if (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT") && message) {
    for (const [index, columns] of Object.entries(SQLITE_INDEX_COLUMNS)) {
      if (message.endsWith(`UNIQUE constraint failed: ${columns}`)) return index as UniqueIndex;
    }
  }
  return null;
}

// What PostgreSQL and the network say when the database went away under a request: the server
// shut down or restarted (57P01–57P03), a connection failed (class 08), too many connections
// (53300), a session killed for idling in a transaction (25P03); and our own timeouts: a statement
// cancelled after DATABASE_STATEMENT_TIMEOUT_MS (57014). None of them is about the request.
const PG_UNAVAILABLE = /^(57P0[123]|08\d{3}|53300|25P03|57014)$/;
const NODE_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);
const LOST = [
  "Connection terminated",
  "connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Client was closed and is not queryable",
];
// SQLite: the disk is full, the file or its directory read-only or gone, an I/O error, or the
// write lock not had within the busy timeout.
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|PROTOCOL|NOLFS)/;

/** A connection that broke (rather than a statement that was refused): worth a new connection. */
export function isConnectionLost(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (/^(57P0[12]|08\d{3})$/.test(code) || NODE_UNAVAILABLE.has(code)))
    return true;
  return typeof message === "string" && LOST.some((m) => message.includes(m));
}

/**
 * The database cannot do its part just now: the request was fine and may be tried again in a
 * few seconds (a 503, never a 500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code } = error as { code?: unknown };
  if (typeof code === "string" && (PG_UNAVAILABLE.test(code) || SQLITE_UNAVAILABLE.test(code)))
    return true;
  return isConnectionLost(error);
}
