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
