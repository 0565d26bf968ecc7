// The demo's ballots: last Spring Festival's fair at Jidian, drawn, with results that verify, and
// one at Longquan Park open for applications around today. Written straight into the tables (as
// the rest of the demo is), then frozen and drawn by the same code the server runs.
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { inTransaction } from "../transaction";
import { commitmentOf, newSeed } from "../../app/domain/ballot-draw";
import { addDays } from "../../app/domain/calendar";
import { localMoment } from "../../app/domain/market-hours";
import { closeAndDraw } from "../../app/models/ballot.server";

/** Fixed, so the demo's results are the same on every machine (a real ballot's is random). */
const FINISHED_SEED =
  "6a69736869206465 6d6f2062616c6c6f 74203230323620e6 98a5e88a82e5a4a7".replaceAll(" ", "");
export const FINISHED_BALLOT = "b-chunjie-2026";
export const OPEN_BALLOT = "b-longquan-open";

interface DemoBallot {
  publicId: string;
  zoneSlug: string;
  titleZh: string;
  titleEn: string;
  firstDate: string;
  lastDate: string;
  opensAt: string;
  closesAt: string;
  seed: string;
  /** How many of the zone's non-welfare stalls it allocates (and one welfare stall). */
  stalls: number;
  /** How many demo vendors apply. */
  applicants: number;
}

async function insertBallot(db: Kysely<Database>, b: DemoBallot): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("ballots")
      .select("id")
      .where("public_id", "=", b.publicId)
      .executeTakeFirst();
    if (existing) return null;
    const zone = await trx
      .selectFrom("zones")
      .select(["id", "kind"])
      .where("slug", "=", b.zoneSlug)
      .executeTakeFirstOrThrow();
    const office = await trx
      .selectFrom("users")
      .select("id")
      .where("role", "=", "office")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const stalls = await trx
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .select(["stalls.id", "stalls.code", "stalls.public_welfare"])
      .where("layouts.zone_id", "=", zone.id)
      .where("layouts.status", "=", "approved")
      .orderBy("stalls.code")
      .execute();
    const chosen = [
      ...stalls.filter((s) => s.public_welfare === 0).slice(0, b.stalls),
      ...stalls.filter((s) => s.public_welfare === 1).slice(0, 1),
    ];
    const commitment = await commitmentOf(b.seed);
    const ballot = await trx
      .insertInto("ballots")
      .values({
        public_id: b.publicId,
        zone_id: zone.id,
        title_zh: b.titleZh,
        title_en: b.titleEn,
        first_date: b.firstDate,
        last_date: b.lastDate,
        opens_at: b.opensAt,
        closes_at: b.closesAt,
        newcomer_share: 0.2,
        lookback_months: 6,
        category_caps: "{}",
        seed: b.seed,
        commitment,
        created_by: office.id,
        created_at: b.opensAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("ballot_stalls")
      .values(chosen.map((s) => ({ ballot_id: ballot.id, stall_id: s.id })))
      .execute();
    await trx
      .insertInto("audit_log")
      .values({
        at: b.opensAt,
        actor_user_id: office.id,
        action: "ballot.open",
        entity_type: "ballot",
        entity_id: ballot.id,
        zone_id: zone.id,
        before: null,
        after: JSON.stringify({ public_id: b.publicId, commitment, stalls: chosen.length }),
        for_vendor_id: null,
      })
      .execute();
    // The approved vendors, in a fixed order: each asks for a row, a stall or any stall.
    const vendors = await trx
      .selectFrom("vendors")
      .select(["id", "category_slug"])
      .where("status", "=", "approved")
      .orderBy("id")
      .limit(b.applicants)
      .execute();
    const codes = chosen.filter((s) => s.public_welfare === 0).map((s) => s.code);
    const rows = [...new Set(codes.map((c) => c.split("-")[0]!))];
    await trx
      .insertInto("ballot_applications")
      .values(
        vendors.map((v, i) => ({
          ballot_id: ballot.id,
          vendor_id: v.id,
          public_id: `a-${b.publicId.slice(2)}-${String(i + 1).padStart(2, "0")}`,
          own_produce:
            zone.kind === "rural" && v.category_slug === "fresh_produce" && i % 2 === 0
              ? (1 as const)
              : (0 as const),
          preferences: JSON.stringify(
            i % 3 === 0
              ? [`row:${rows[i % rows.length]}`]
              : i % 3 === 1
                ? [`stall:${codes[(i * 7) % codes.length]}`, `row:${rows[0]}`]
                : [],
          ),
          any_stall: i % 4 === 3 ? (0 as const) : (1 as const),
          status: "applied" as const,
          created_at: b.opensAt,
          updated_at: b.opensAt,
        })),
      )
      .execute();
    return ballot.id;
  });
}

/** Spring Festival 2026 at Jidian: 12 stalls and a welfare stall, 20 applications, drawn. */
export async function seedFinishedBallot(db: Kysely<Database>) {
  const id = await insertBallot(db, {
    publicId: FINISHED_BALLOT,
    zoneSlug: "jidian-rural-produce",
    titleZh: "2026 年春节大集摊位摇号",
    titleEn: "Spring Festival Fair 2026: stall ballot",
    firstDate: "2026-02-13",
    lastDate: "2026-02-20",
    opensAt: "2026-01-09T16:00:00.000Z",
    closesAt: "2026-01-25T16:00:00.000Z",
    seed: FINISHED_SEED,
    stalls: 12,
    applicants: 20,
  });
  if (id === null) return;
  await closeAndDraw(db, id, new Date("2026-01-25T16:00:30.000Z"));
  // That was last winter: the winners came and paid, the waiting lists are long over, and the
  // messages about it have been read.
  await db
    .updateTable("bookings")
    .set((eb) => ({
      status: "checked_in",
      checked_in_at: eb.ref("starts_at"),
      fee_collected_fen: eb.ref("fee_fen"),
    }))
    .where("idempotency_key", "like", `ballot:${FINISHED_BALLOT}:%`)
    .execute();
  const zone = await db
    .selectFrom("zones")
    .select("id")
    .where("slug", "=", "jidian-rural-produce")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("waitlist_entries")
    .set({ status: "expired" })
    .where("zone_id", "=", zone.id)
    .where("local_date", "<=", "2026-02-20")
    .where("status", "=", "waiting")
    .execute();
  await db
    .updateTable("notifications")
    .set({ read_at: "2026-01-26T01:00:00.000Z" })
    .where("kind", "in", ["ballot.won", "ballot.waiting"])
    .where("created_at", "<", "2026-02-01")
    .execute();
}

/** Longquan Park's evening market, extra stalls for the weekend three weeks on: open now. */
export async function seedOpenBallot(db: Kysely<Database>, now: Date) {
  const today = localMoment(now, "Asia/Shanghai").date;
  const day = 86_400_000;
  await insertBallot(db, {
    publicId: OPEN_BALLOT,
    zoneSlug: "longquan-park-evening",
    titleZh: "龙泉公园周末夜市加设摊位摇号",
    titleEn: "Longquan Park weekend night fair: extra stalls ballot",
    firstDate: addDays(today, 20),
    lastDate: addDays(today, 22),
    opensAt: new Date(now.getTime() - 2 * day).toISOString(),
    closesAt: new Date(now.getTime() + 10 * day).toISOString(),
    // Made afresh, as a real ballot's: nobody can know it until the draw.
    seed: newSeed(),
    stalls: 10,
    applicants: 6,
  });
}
