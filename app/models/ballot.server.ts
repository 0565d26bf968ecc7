// Ballots: opened with a secret seed and its public commitment, applied to while the window is
// open, frozen and drawn after it closes (docs/ballot-draw.md). Every step is audited.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { Database, SessionKind } from "#db/schema";
import { inTransaction } from "#db/transaction";
import { addDays } from "~/domain/calendar";
import {
  canonicalInputs,
  commitmentOf,
  draw,
  DRAW_VERSION,
  inputsDigest,
  newSeed,
  type BallotApplication,
  type BallotInputs,
  type BallotPlace,
  type BallotResults,
} from "~/domain/ballot-draw";
import {
  applicationRefusal,
  ballotGroup,
  standing,
  stallRow,
  type ApplicationFacts,
  type BallotRefusal,
  type BallotState,
} from "~/domain/ballot-rules";
import { HOLDING_STATUSES, penaltyBanUntil, strikeInstant } from "~/domain/booking-rules";
import { localMoment } from "~/domain/market-hours";
import { auditCounterAct, writeAudit } from "./audit.server";
import { allocateBallot, ballotSessions } from "./ballot-allocation.server";
import { bookingVendors, papersThatCount } from "./booking.server";
import { keptReference } from "./reference.server";
import { getBookingSettings } from "./zone-calendar.server";

const publicId = (prefix: string) =>
  `${prefix}-${randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}`;

export interface OpenBallotInput {
  zoneId: number;
  titleZh: string;
  titleEn: string;
  firstDate: string;
  lastDate: string;
  /** Only sessions of this kind (a season of evening markets); every session without. */
  sessionKind?: SessionKind | null;
  opensAt: Date;
  closesAt: Date;
  /** 0–1; the county's guidance is a fifth. */
  newcomerShare: number;
  lookbackMonths: number;
  categoryCaps?: Record<string, number>;
  /** The stalls it allocates; every stall of the approved layout without. */
  stallIds?: number[];
  actorUserId: number;
}

/** Opens a ballot: makes the seed, publishes its commitment (audited with the time). */
export async function openBallot(db: Kysely<Database>, input: OpenBallotInput, now: Date) {
  const seed = newSeed();
  const commitment = await commitmentOf(seed);
  return inTransaction(db, async (trx) => {
    const chosen = await trx
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .select(["stalls.id", "stalls.code"])
      .where("layouts.zone_id", "=", input.zoneId)
      .where("layouts.status", "=", "approved")
      .$if(!!input.stallIds, (q) => q.where("stalls.id", "in", input.stallIds!))
      .orderBy("stalls.code")
      .execute();
    // A stall already booked in one of its sessions is not the ballot's to give: left out.
    const sessions = new Set(
      (
        await ballotSessions(
          trx,
          {
            zone_id: input.zoneId,
            first_date: input.firstDate,
            last_date: input.lastDate,
            session_kind: input.sessionKind ?? null,
          },
          now,
        )
      ).map((s) => `${s.localDate}|${s.key}`),
    );
    const booked = new Set(
      (
        await trx
          .selectFrom("bookings")
          .select(["stall_id", "local_date", "session_key"])
          .where("zone_id", "=", input.zoneId)
          .where("local_date", ">=", input.firstDate)
          .where("local_date", "<=", input.lastDate)
          .where("status", "in", [...HOLDING_STATUSES])
          .execute()
      )
        .filter((b) => sessions.has(`${b.local_date}|${b.session_key}`))
        .map((b) => b.stall_id),
    );
    const stalls = chosen.filter((s) => !booked.has(s.id));
    const leftOut = chosen.filter((s) => booked.has(s.id)).map((s) => s.code);
    const id = publicId("b");
    const ballot = await trx
      .insertInto("ballots")
      .values({
        public_id: id,
        zone_id: input.zoneId,
        title_zh: input.titleZh,
        title_en: input.titleEn,
        first_date: input.firstDate,
        last_date: input.lastDate,
        session_kind: input.sessionKind ?? null,
        opens_at: input.opensAt.toISOString(),
        closes_at: input.closesAt.toISOString(),
        newcomer_share: input.newcomerShare,
        lookback_months: input.lookbackMonths,
        category_caps: JSON.stringify(input.categoryCaps ?? {}),
        seed,
        commitment,
        created_by: input.actorUserId,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (stalls.length)
      await trx
        .insertInto("ballot_stalls")
        .values(stalls.map((s) => ({ ballot_id: ballot.id, stall_id: s.id })))
        .execute();
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: "ballot.open",
      entityType: "ballot",
      entityId: ballot.id,
      zoneId: input.zoneId,
      after: {
        public_id: id,
        commitment,
        opens_at: input.opensAt.toISOString(),
        closes_at: input.closesAt.toISOString(),
        stalls: stalls.length,
        left_out: leftOut,
        newcomer_share: input.newcomerShare,
        lookback_months: input.lookbackMonths,
      },
      now,
    });
    return { id: ballot.id, publicId: id, commitment, stalls: stalls.length, leftOut };
  });
}

async function ballotStalls(db: Kysely<Database>, ballotId: number) {
  const rows = await db
    .selectFrom("ballot_stalls")
    .innerJoin("stalls", "stalls.id", "ballot_stalls.stall_id")
    .leftJoin("stall_categories", "stall_categories.stall_id", "stalls.id")
    .select(["stalls.id", "stalls.code", "stalls.public_welfare", "stall_categories.category_slug"])
    .where("ballot_stalls.ballot_id", "=", ballotId)
    .orderBy("stalls.code")
    .execute();
  const stalls = new Map<
    string,
    { id: number; code: string; welfare: boolean; categories: string[] }
  >();
  for (const r of rows) {
    const stall = stalls.get(r.code) ?? {
      id: r.id,
      code: r.code,
      welfare: r.public_welfare === 1,
      categories: [],
    };
    if (r.category_slug) stall.categories.push(r.category_slug);
    stalls.set(r.code, stall);
  }
  return [...stalls.values()];
}

/** What the application rules ask, read for one vendor and one ballot (all but the choice). */
async function applicationContext(
  db: Kysely<Database>,
  ballotId: number,
  vendorId: number,
  now: Date,
) {
  const ballot = await db
    .selectFrom("ballots")
    .innerJoin("zones", "zones.id", "ballots.zone_id")
    .select([
      "ballots.id",
      "ballots.zone_id",
      "ballots.opens_at",
      "ballots.closes_at",
      "ballots.last_date",
      "zones.kind",
      "zones.time_zone",
    ])
    .where("ballots.id", "=", ballotId)
    .executeTakeFirstOrThrow();
  const [vendor, documents, settings, stalls, strikes] = await Promise.all([
    bookingVendors(db).where("vendors.id", "=", vendorId).executeTakeFirstOrThrow(),
    papersThatCount(db, vendorId),
    getBookingSettings(db, ballot.zone_id),
    ballotStalls(db, ballot.id),
    db
      .selectFrom("bookings")
      .select(["status", "starts_at", "cancelled_at"])
      .where("vendor_id", "=", vendorId)
      .where("zone_id", "=", ballot.zone_id)
      .where((eb) => eb.or([eb("status", "=", "no_show"), eb("cancelled_late", "=", 1)]))
      .execute(),
  ]);
  const facts: Omit<ApplicationFacts, "choice"> = {
    vendor,
    documents,
    settings,
    penaltyInstants: strikes.map(strikeInstant),
    ballot: {
      opensAt: ballot.opens_at,
      closesAt: ballot.closes_at,
      lastDate: ballot.last_date,
      zoneKind: ballot.kind,
      stallCodes: stalls.map((s) => s.code),
      rows: [...new Set(stalls.map((s) => stallRow(s.code)))],
    },
    today: localMoment(now, ballot.time_zone).date,
    now,
  };
  return { ballot, stalls, facts };
}

/**
 * A vendor's view of a ballot: what they may choose from, their application, whether the rules
 * let them apply at all now (said before they fill anything in), and after the draw their place.
 */
export async function vendorBallotView(
  db: Kysely<Database>,
  /** As `getPublicBallot` read it: its places once drawn. */
  published: { id: number; places: BallotPlace[] | null },
  vendorId: number,
  now: Date,
) {
  const [{ ballot, stalls, facts }, application] = await Promise.all([
    applicationContext(db, published.id, vendorId, now),
    db
      .selectFrom("ballot_applications")
      .select(["public_id", "preferences", "any_stall", "own_produce", "status"])
      .where("ballot_id", "=", published.id)
      .where("vendor_id", "=", vendorId)
      .executeTakeFirst(),
  ]);
  const applied = application?.status === "applied" ? application : undefined;
  const place = applied && published.places?.find((p) => p.id === applied.public_id);
  // A manager may have moved a winner since the draw: their stall is the latest correction's.
  const moved =
    place?.stall &&
    (await db
      .selectFrom("ballot_corrections")
      .select("to_stall")
      .where("ballot_id", "=", published.id)
      .where("application_public_id", "=", place.id)
      .orderBy("id", "desc")
      .executeTakeFirst());
  return {
    ballotId: ballot.id,
    zoneKind: ballot.kind,
    stalls: stalls.filter((s) => !s.welfare).map((s) => s.code),
    rows: facts.ballot.rows,
    // The refusals that hold whatever is chosen: who, papers, pause, the window.
    refusal: applicationRefusal({
      ...facts,
      choice: { preferences: [], anyStall: true, ownProduce: false },
    }),
    application: applied
      ? {
          id: applied.public_id,
          preferences: JSON.parse(applied.preferences) as string[],
          anyStall: applied.any_stall === 1,
          ownProduce: applied.own_produce === 1,
        }
      : null,
    result: place ? { place: place.place, stall: moved ? moved.to_stall : place.stall } : null,
    /** Applied but left out of the frozen inputs (a booking pause at the close). */
    leftOut: Boolean(applied && published.places && !place),
  };
}

export type ApplyResult = { ok: true; publicId: string } | { ok: false; refusal: BallotRefusal };

/** A vendor applies, or changes their application, while the window is open. */
export async function applyToBallot(
  db: Kysely<Database>,
  input: {
    ballotId: number;
    vendorId: number;
    preferences: string[];
    anyStall: boolean;
    ownProduce: boolean;
    clerkUserId?: number;
  },
  now: Date,
): Promise<ApplyResult> {
  const context = await applicationContext(db, input.ballotId, input.vendorId, now);
  const { ballot } = context;
  const refusal = applicationRefusal({ ...context.facts, choice: input });
  if (refusal) return { ok: false, refusal };
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("ballot_applications")
      .select(["id", "public_id"])
      .where("ballot_id", "=", ballot.id)
      .where("vendor_id", "=", input.vendorId)
      .executeTakeFirst();
    const values = {
      preferences: JSON.stringify(input.preferences),
      any_stall: input.anyStall ? (1 as const) : (0 as const),
      own_produce: input.ownProduce ? (1 as const) : (0 as const),
      status: "applied" as const,
      updated_at: now.toISOString(),
    };
    const id = existing?.public_id ?? publicId("a");
    if (existing)
      await trx
        .updateTable("ballot_applications")
        .set(values)
        .where("id", "=", existing.id)
        .execute();
    else
      await trx
        .insertInto("ballot_applications")
        .values({
          ...values,
          ballot_id: ballot.id,
          vendor_id: input.vendorId,
          public_id: id,
          created_at: now.toISOString(),
        })
        .execute();
    await auditCounterAct(trx, input.clerkUserId, {
      action: existing ? "ballot.application.change" : "ballot.application",
      entityType: "ballot",
      entityId: ballot.id,
      zoneId: ballot.zone_id,
      after: { application: id, preferences: input.preferences, any_stall: input.anyStall },
      vendorId: input.vendorId,
      now,
    });
    return { ok: true as const, publicId: id };
  });
}

/** A vendor takes their application back while the window is open. */
export async function withdrawApplication(
  db: Kysely<Database>,
  input: { ballotId: number; vendorId: number; clerkUserId?: number },
  now: Date,
): Promise<{ ok: boolean }> {
  return inTransaction(db, async (trx) => {
    const ballot = await trx
      .selectFrom("ballots")
      .select(["zone_id", "closes_at"])
      .where("id", "=", input.ballotId)
      .executeTakeFirstOrThrow();
    if (now.getTime() >= Date.parse(ballot.closes_at)) return { ok: false };
    const changed = await trx
      .updateTable("ballot_applications")
      .set({ status: "withdrawn", updated_at: now.toISOString() })
      .where("ballot_id", "=", input.ballotId)
      .where("vendor_id", "=", input.vendorId)
      .where("status", "=", "applied")
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) > 0)
      await auditCounterAct(trx, input.clerkUserId, {
        action: "ballot.application.withdraw",
        entityType: "ballot",
        entityId: input.ballotId,
        zoneId: ballot.zone_id,
        vendorId: input.vendorId,
        now,
      });
    return { ok: true };
  });
}

/**
 * After the window closes: freezes the applications as the published inputs (digest audited),
 * then reveals the seed, draws (audited) and gives out what it drew: winners booked, the others
 * on the waiting lists (app/models/ballot-allocation.server.ts). Vendors under a booking pause at
 * the close are left out. Does nothing to a ballot already drawn; refuses one still open.
 */
export async function closeAndDraw(
  db: Kysely<Database>,
  ballotId: number,
  now: Date,
): Promise<{ drawn: boolean; places?: BallotPlace[] }> {
  const ballot = await db
    .selectFrom("ballots")
    .innerJoin("zones", "zones.id", "ballots.zone_id")
    .selectAll("ballots")
    .select(["zones.kind", "zones.time_zone"])
    .where("ballots.id", "=", ballotId)
    .executeTakeFirstOrThrow();
  if (ballot.drawn_at) return { drawn: true };
  if (now.getTime() < Date.parse(ballot.closes_at)) return { drawn: false };

  const [stalls, applications, settings] = await Promise.all([
    ballotStalls(db, ballot.id),
    db
      .selectFrom("ballot_applications")
      .innerJoin("vendors", "vendors.id", "ballot_applications.vendor_id")
      .innerJoin("categories", "categories.slug", "vendors.category_slug")
      .select([
        "ballot_applications.vendor_id",
        "vendors.user_id",
        "ballot_applications.public_id",
        "ballot_applications.preferences",
        "ballot_applications.any_stall",
        "ballot_applications.own_produce",
        "vendors.category_slug",
        "categories.public_welfare",
      ])
      .where("ballot_applications.ballot_id", "=", ballot.id)
      .where("ballot_applications.status", "=", "applied")
      .execute(),
    getBookingSettings(db, ballot.zone_id),
  ]);
  const history = applications.length
    ? await db
        .selectFrom("bookings")
        .select(["vendor_id", "status", "starts_at", "cancelled_at", "cancelled_late"])
        .where("zone_id", "=", ballot.zone_id)
        .where(
          "vendor_id",
          "in",
          applications.map((a) => a.vendor_id),
        )
        .where("starts_at", "<", ballot.closes_at)
        .execute()
    : [];
  const closeDate = localMoment(new Date(ballot.closes_at), ballot.time_zone).date;
  const since = new Date(
    `${addDays(closeDate, -Math.round(ballot.lookback_months * 30.44))}T00:00:00Z`,
  ).toISOString();
  const entries: BallotApplication[] = applications.flatMap((a) => {
    const own = history.filter((h) => h.vendor_id === a.vendor_id);
    const strikes = own
      .filter((h) => h.status === "no_show" || h.cancelled_late === 1)
      .map(strikeInstant);
    if (penaltyBanUntil(strikes, new Date(ballot.closes_at), settings)) return [];
    return [
      {
        id: a.public_id,
        group: ballotGroup(a, ballot.kind, a.own_produce === 1),
        ...standing(own, since),
        category: a.category_slug,
        preferences: JSON.parse(a.preferences) as string[],
        anyStall: a.any_stall === 1,
      },
    ];
  });
  const inputs: BallotInputs = JSON.parse(
    canonicalInputs({
      version: DRAW_VERSION,
      ballot: ballot.public_id,
      commitment: ballot.commitment,
      newcomerShare: ballot.newcomer_share,
      categoryCaps: JSON.parse(ballot.category_caps) as Record<string, number>,
      stalls: stalls.map((s) => ({
        code: s.code,
        row: stallRow(s.code),
        categories: s.categories,
        publicWelfare: s.welfare,
      })),
      applications: entries,
    }),
  );
  const digest = await inputsDigest(inputs);
  const places = await draw(inputs, ballot.seed);

  return inTransaction(db, async (trx) => {
    // Another process may have drawn it meanwhile: the same inputs give the same places, and
    // only the first writes.
    const updated = await trx
      .updateTable("ballots")
      .set({
        inputs_json: canonicalInputs(inputs),
        inputs_digest: digest,
        closed_at: now.toISOString(),
        places_json: JSON.stringify(places),
        drawn_at: now.toISOString(),
      })
      .where("id", "=", ballot.id)
      .where("drawn_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { drawn: true };
    await writeAudit(trx, {
      actorUserId: null,
      action: "ballot.close",
      entityType: "ballot",
      entityId: ballot.id,
      zoneId: ballot.zone_id,
      after: { inputs_digest: digest, applications: inputs.applications.length },
      now,
    });
    await writeAudit(trx, {
      actorUserId: null,
      action: "ballot.draw",
      entityType: "ballot",
      entityId: ballot.id,
      zoneId: ballot.zone_id,
      after: { seed: ballot.seed, placed: places.filter((p) => p.stall).length },
      now,
    });
    const applicants = new Map(
      applications.map((a) => [
        a.public_id,
        { vendorId: a.vendor_id, userId: a.user_id, publicWelfare: a.public_welfare === 1 },
      ]),
    );
    await allocateBallot(trx, ballot, applicants, places, now);
    return { drawn: true, places };
  });
}

/** The published results of a drawn ballot, as the verifier reads them; null before the draw. */
export async function ballotResults(
  db: Kysely<Database>,
  ballotPublicId: string,
): Promise<BallotResults | null> {
  const ballot = await db
    .selectFrom("ballots")
    .select(["inputs_json", "inputs_digest", "seed", "places_json", "drawn_at"])
    .where("public_id", "=", ballotPublicId)
    .executeTakeFirst();
  if (!ballot?.drawn_at || !ballot.inputs_json || !ballot.places_json || !ballot.inputs_digest)
    return null;
  return {
    inputs: JSON.parse(ballot.inputs_json) as BallotInputs,
    inputsDigest: ballot.inputs_digest,
    seed: ballot.seed,
    places: JSON.parse(ballot.places_json) as BallotPlace[],
  };
}

export function ballotState(
  b: { opens_at: string; closes_at: string; drawn_at: string | null },
  now: Date,
): BallotState {
  if (b.drawn_at) return "drawn";
  const t = now.getTime();
  if (t < Date.parse(b.opens_at)) return "upcoming";
  return t < Date.parse(b.closes_at) ? "open" : "closed";
}

const publicColumns = [
  "ballots.id",
  "ballots.public_id",
  "ballots.zone_id",
  "ballots.title_zh",
  "ballots.title_en",
  "ballots.first_date",
  "ballots.last_date",
  "ballots.session_kind",
  "ballots.opens_at",
  "ballots.closes_at",
  "ballots.newcomer_share",
  "ballots.lookback_months",
  "ballots.commitment",
  "ballots.inputs_digest",
  "ballots.closed_at",
  "ballots.drawn_at",
  "ballots.created_at",
  "zones.slug as zone_slug",
  "zones.name_zh as zone_name_zh",
  "zones.name_en as zone_name_en",
  "zones.time_zone",
] as const;

/**
 * Every ballot of active markets, newest first, with its stalls and applications counted; for
 * managers, every ballot of the markets they run (`zoneIds`; null: the office's, all of them).
 */
export async function listBallots(
  db: Kysely<Database>,
  { zoneIds }: { zoneIds?: number[] | null } = {},
) {
  const [ballots, stalls, applications] = await Promise.all([
    db
      .selectFrom("ballots")
      .innerJoin("zones", "zones.id", "ballots.zone_id")
      .select(publicColumns)
      .$if(zoneIds === undefined, (q) => q.where("zones.status", "=", "active"))
      .$if(!!zoneIds, (q) => q.where("ballots.zone_id", "in", zoneIds!.length ? zoneIds! : [-1]))
      .orderBy("ballots.opens_at", "desc")
      .execute(),
    db
      .selectFrom("ballot_stalls")
      .select((eb) => ["ballot_id", eb.fn.countAll<number>().as("n")])
      .groupBy("ballot_id")
      .execute(),
    db
      .selectFrom("ballot_applications")
      .select((eb) => ["ballot_id", eb.fn.countAll<number>().as("n")])
      .where("status", "=", "applied")
      .groupBy("ballot_id")
      .execute(),
  ]);
  const count = (rows: { ballot_id: number; n: number }[], id: number) =>
    Number(rows.find((r) => r.ballot_id === id)?.n ?? 0);
  return ballots.map((b) => ({
    ...b,
    stalls: count(stalls, b.id),
    applications: count(applications, b.id),
  }));
}

/** One ballot as its public page shows it; the seed only once drawn. */
export async function getPublicBallot(db: Kysely<Database>, ballotPublicId: string) {
  const ballot = await db
    .selectFrom("ballots")
    .innerJoin("zones", "zones.id", "ballots.zone_id")
    .select(publicColumns)
    .select(["ballots.seed", "ballots.places_json", "ballots.inputs_json"])
    .where("ballots.public_id", "=", ballotPublicId)
    .where("zones.status", "=", "active")
    .executeTakeFirst();
  if (!ballot) return undefined;
  const { seed, places_json, inputs_json, ...rest } = ballot;
  const [stalls, applications] = await Promise.all([
    db
      .selectFrom("ballot_stalls")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ballot_id", "=", ballot.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("ballot_applications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ballot_id", "=", ballot.id)
      .where("status", "=", "applied")
      .executeTakeFirstOrThrow(),
  ]);
  const inputs = inputs_json ? (JSON.parse(inputs_json) as BallotInputs) : null;
  return {
    ...rest,
    stalls: Number(stalls.n),
    applications: Number(applications.n),
    // Revealed only with the results: before, it would let anyone foresee the draw.
    seed: ballot.drawn_at ? seed : null,
    places: places_json ? (JSON.parse(places_json) as BallotPlace[]) : null,
    groups: inputs ? new Map(inputs.applications.map((a) => [a.id, a.group])) : null,
  };
}

/** The background worker's turn: every ballot whose window has closed is frozen and drawn. */
export async function drawClosedBallots(db: Kysely<Database>, now: Date): Promise<number> {
  const due = await db
    .selectFrom("ballots")
    .select("id")
    .where("drawn_at", "is", null)
    .where("closes_at", "<=", now.toISOString())
    .execute();
  let drawn = 0;
  for (const { id } of due) if ((await closeAndDraw(db, id, now)).places) drawn += 1;
  return drawn;
}

/** Ballots whose window has not closed (open now or soon), soonest to close first. */
export async function ballotsTakingApplications(
  db: Kysely<Database>,
  now: Date,
  { zoneId }: { zoneId?: number } = {},
) {
  const at = now.toISOString();
  if (zoneId === undefined) return undrawnBallots(db).where("ballots.closes_at", ">", at).execute();
  // A market's undrawn ballots change a few times a season: kept (decision 033), and those still
  // taking applications picked from them.
  const undrawn = await keptReference(db, `undrawn-ballots:${zoneId}`, (db) =>
    zoneUndrawnBallots.all(db, { zoneId }),
  );
  return undrawn.filter((b) => b.closes_at > at);
}

function undrawnBallots(db: Kysely<Database>) {
  return db
    .selectFrom("ballots")
    .innerJoin("zones", "zones.id", "ballots.zone_id")
    .select(publicColumns)
    .where("zones.status", "=", "active")
    .where("ballots.drawn_at", "is", null)
    .orderBy("ballots.closes_at");
}

const zoneUndrawnBallots = prepared((db, p: { zoneId: number }) =>
  undrawnBallots(db).where("ballots.zone_id", "=", p.zoneId),
);
