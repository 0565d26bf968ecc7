// While a ballot is undrawn its stalls are not booked first come for its sessions: the ballot is
// how they are given out. Once drawn, its winners hold their stalls by bookings and the rest are
// free like any other.
import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { Database } from "#db/schema";
import { keptReference } from "./reference.server";

export interface SessionOfZone {
  zoneId: number;
  localDate: string;
  sessionKey: string;
}

/** The kind of a session by its key: a template's kind ('t12'), or 'event' ('e3'). */
async function sessionKindOf(db: Kysely<Database>, sessionKey: string) {
  if (!sessionKey.startsWith("t")) return "event";
  const template = await db
    .selectFrom("session_templates")
    .select("kind")
    .where("id", "=", Number(sessionKey.slice(1)) || -1)
    .executeTakeFirst();
  return template?.kind ?? null;
}

const undrawnBallotStalls = prepared((db, s: { zoneId: number }) =>
  db
    .selectFrom("ballots")
    .innerJoin("ballot_stalls", "ballot_stalls.ballot_id", "ballots.id")
    .innerJoin("stalls", "stalls.id", "ballot_stalls.stall_id")
    .select([
      "stalls.code",
      "ballots.public_id",
      "ballots.session_kind",
      "ballots.first_date",
      "ballots.last_date",
    ])
    .where("ballots.zone_id", "=", s.zoneId)
    .where("ballots.drawn_at", "is", null),
);

/** Codes of the stalls an undrawn ballot holds in this session, with the ballot holding each. */
export async function stallsAwaitingDraw(
  db: Kysely<Database>,
  session: SessionOfZone,
): Promise<Map<string, string>> {
  // The stalls of a market's undrawn ballots change a few times a season: kept (decision 033),
  // and those of ballots covering the session's date picked from them.
  const undrawn = await keptReference(db, `undrawn-ballot-stalls:${session.zoneId}`, (db) =>
    undrawnBallotStalls.all(db, { zoneId: session.zoneId }),
  );
  const rows = undrawn.filter(
    (r) => r.first_date <= session.localDate && r.last_date >= session.localDate,
  );
  if (rows.length === 0) return new Map();
  // Looked up only when a ballot covers one kind of session, which few do.
  const kind = rows.some((r) => r.session_kind)
    ? await sessionKindOf(db, session.sessionKey)
    : null;
  return new Map(
    rows
      .filter((r) => r.session_kind === null || r.session_kind === kind)
      .map((r) => [r.code, r.public_id]),
  );
}
