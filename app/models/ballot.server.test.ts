// Ballots against a real, migrated database: opening commits to the seed before anyone applies,
// applications follow the rules, the close freezes the inputs, and the published results verify.
import { describe, expect, it } from "vitest";
import { createApprovedVendor, createZoneLike, officeUserId } from "#db/testing/factories";
import { commitmentOf, verify } from "~/domain/ballot-draw";
import { db } from "~/utils/db.server";
import {
  applyToBallot,
  ballotResults,
  closeAndDraw,
  drawClosedBallots,
  openBallot,
  withdrawApplication,
} from "./ballot.server";

const OPENS = new Date("2027-01-05T00:00:00Z");
const CLOSES = new Date("2027-01-20T00:00:00Z");
const DURING = new Date("2027-01-10T02:00:00Z");
const AFTER = new Date("2027-01-20T00:05:00Z");

async function newBallot(stalls?: number) {
  const zone = await createZoneLike(db, "jidian-rural-produce", {
    name: "集店乡春节大集",
    managerUserIds: [],
  });
  const zoneRow = await db
    .selectFrom("zones")
    .select("id")
    .where("slug", "=", zone.slug)
    .executeTakeFirstOrThrow();
  const stallIds = (
    await db
      .selectFrom("stalls")
      .innerJoin("layouts", "layouts.id", "stalls.layout_id")
      .select("stalls.id")
      .where("layouts.zone_id", "=", zoneRow.id)
      .where("layouts.status", "=", "approved")
      .where("stalls.public_welfare", "=", 0)
      .orderBy("stalls.code")
      .execute()
  )
    .slice(0, stalls)
    .map((s) => s.id);
  const opened = await openBallot(
    db,
    {
      zoneId: zoneRow.id,
      titleZh: "春节大集摇号",
      titleEn: "Spring Festival fair ballot",
      firstDate: "2027-02-05",
      lastDate: "2027-02-12",
      opensAt: OPENS,
      closesAt: CLOSES,
      newcomerShare: 0.2,
      lookbackMonths: 6,
      stallIds,
      actorUserId: await officeUserId(db),
    },
    OPENS,
  );
  return { ...opened, zoneId: zoneRow.id };
}

describe("a ballot", () => {
  it("publishes the seed's commitment, audited, before the window closes; the seed stays secret", async () => {
    const ballot = await newBallot(5);
    const row = await db
      .selectFrom("ballots")
      .select(["seed", "commitment"])
      .where("id", "=", ballot.id)
      .executeTakeFirstOrThrow();
    expect(await commitmentOf(row.seed)).toBe(row.commitment);
    const opened = await db
      .selectFrom("audit_log")
      .select(["at", "after"])
      .where("entity_type", "=", "ballot")
      .where("entity_id", "=", ballot.id)
      .where("action", "=", "ballot.open")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(opened.after!).commitment).toBe(row.commitment);
    expect(opened.after).not.toContain(row.seed);
    expect(Date.parse(opened.at)).toBeLessThan(CLOSES.getTime());
    expect(await ballotResults(db, ballot.publicId)).toBeNull();
  });

  it("takes applications only in the window, with choices from the ballot, and lets them change", async () => {
    const ballot = await newBallot(5);
    const { vendorId } = await createApprovedVendor(db, "fresh_produce");
    const apply = (preferences: string[], now = DURING, extra = {}) =>
      applyToBallot(
        db,
        {
          ballotId: ballot.id,
          vendorId,
          preferences,
          anyStall: true,
          ownProduce: false,
          ...extra,
        },
        now,
      );
    expect(await apply([], new Date("2027-01-04T00:00:00Z"))).toEqual({
      ok: false,
      refusal: "ballotNotOpen",
    });
    expect(await apply(["stall:Z-99"])).toEqual({ ok: false, refusal: "ballotUnknownChoice" });
    expect(await apply(["row:A", "row:A", "row:A", "row:A", "row:A", "row:A"])).toEqual({
      ok: false,
      refusal: "ballotTooManyChoices",
    });
    expect(await apply([], DURING, { anyStall: false })).toEqual({
      ok: false,
      refusal: "ballotNoChoice",
    });
    const first = await apply(["row:A"]);
    expect(first.ok).toBe(true);
    const again = await apply(["stall:A-02"]);
    expect(again).toEqual(first);
    expect(await apply(["row:A"], AFTER)).toEqual({ ok: false, refusal: "ballotClosed" });
    expect((await withdrawApplication(db, { ballotId: ballot.id, vendorId }, AFTER)).ok).toBe(
      false,
    );
  });

  it("after the close, freezes the inputs, draws, and publishes results that verify", async () => {
    const ballot = await newBallot(4);
    const vendors = await Promise.all(
      Array.from({ length: 7 }, () => createApprovedVendor(db, "fresh_produce")),
    );
    for (const [i, v] of vendors.entries())
      expect(
        (
          await applyToBallot(
            db,
            {
              ballotId: ballot.id,
              vendorId: v.vendorId,
              preferences: i % 2 ? ["row:A"] : [],
              anyStall: true,
              ownProduce: i === 0,
            },
            DURING,
          )
        ).ok,
      ).toBe(true);
    // One changes their mind.
    await withdrawApplication(db, { ballotId: ballot.id, vendorId: vendors[6]!.vendorId }, DURING);

    expect((await closeAndDraw(db, ballot.id, DURING)).drawn).toBe(false);
    const drawn = await closeAndDraw(db, ballot.id, AFTER);
    expect(drawn.drawn).toBe(true);
    const results = (await ballotResults(db, ballot.publicId))!;
    expect(results.inputs.applications).toHaveLength(6);
    expect(results.places.filter((p) => p.stall)).toHaveLength(4);
    // The farmer selling their own produce (a rural market) comes first.
    const farmer = results.inputs.applications.find((a) => a.group === "farmer")!;
    expect(results.places[0]!.id).toBe(farmer.id);
    // No names or phones in what is published.
    const text = JSON.stringify(results);
    for (const v of vendors) expect(text).not.toContain(v.phone);
    expect(
      await verify(results, { commitment: ballot.commitment, inputsDigest: results.inputsDigest }),
    ).toEqual([]);

    // The audit trail: opened (commitment) before closed (digest) before drawn (seed).
    const steps = await db
      .selectFrom("audit_log")
      .select(["action", "at", "after"])
      .where("entity_type", "=", "ballot")
      .where("entity_id", "=", ballot.id)
      .where("action", "in", ["ballot.open", "ballot.close", "ballot.draw"])
      .orderBy("id")
      .execute();
    expect(steps.map((s) => s.action)).toEqual(["ballot.open", "ballot.close", "ballot.draw"]);
    expect(JSON.parse(steps[1]!.after!).inputs_digest).toBe(results.inputsDigest);
    expect(JSON.parse(steps[2]!.after!).seed).toBe(results.seed);
    expect(Date.parse(steps[0]!.at)).toBeLessThan(CLOSES.getTime());

    // Drawing again changes nothing.
    expect((await closeAndDraw(db, ballot.id, new Date("2027-01-21T00:00:00Z"))).drawn).toBe(true);
    expect(await ballotResults(db, ballot.publicId)).toEqual(results);
  });

  it("is drawn by the background worker once its window has closed, once", async () => {
    const ballot = await newBallot(2);
    const { vendorId } = await createApprovedVendor(db, "fresh_produce");
    await applyToBallot(
      db,
      { ballotId: ballot.id, vendorId, preferences: [], anyStall: true, ownProduce: false },
      DURING,
    );
    await drawClosedBallots(db, DURING);
    expect(await ballotResults(db, ballot.publicId)).toBeNull();
    expect(await drawClosedBallots(db, AFTER)).toBeGreaterThanOrEqual(1);
    const results = (await ballotResults(db, ballot.publicId))!;
    expect(results.places).toEqual([expect.objectContaining({ place: 1 })]);
    expect(results.places[0]!.stall).not.toBeNull();
    expect(await drawClosedBallots(db, AFTER)).toBe(0);
  });
});
