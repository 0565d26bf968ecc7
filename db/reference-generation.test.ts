// The facts a process keeps (decision 033) against changes made elsewhere: by another process on
// the same database, inside a transaction, undone by a rollback. Either engine.
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { currentAnnouncements } from "~/models/announcement.server";
import { ballotsTakingApplications, openBallot } from "~/models/ballot.server";
import { stallsAwaitingDraw } from "~/models/ballot-hold.server";
import { lastInspection } from "~/models/inspection.server";
import { listCategories } from "~/models/category.server";
import { keptReference, pageDb } from "~/models/reference.server";
import { approvedStalls } from "~/models/zone.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { getBookingSettings, loadZoneCalendar } from "~/models/zone-calendar.server";
import { db } from "~/utils/db.server";
import { createDb } from "./connect";
import { officeUserId } from "./testing/factories";
import { REFERENCE_TABLES } from "./migrations/20261130220000_reference_generation";
import { NOTICE_TABLES } from "./migrations/20261201020000_reference_notices";
import type { Database } from "./schema";

const MADE = { created_by: null, created_at: "2031-01-01T00:00:00.000Z" };
const SETTINGS = {
  booking_opens_days: 7,
  booking_closes_minutes: 60,
  cancel_deadline_hours: 12,
  requires_approval: 0 as const,
  category_caps: "{}",
  updated_at: "2031-01-01T00:00:00.000Z",
};

/** Another server process on the same database: its own connection and its own kept facts. */
const other = createDb(process.env.DATABASE_URL!);
afterAll(() => other.destroy());

async function generation(on: Kysely<Database> = db) {
  const row = await on
    .selectFrom("reference_generation")
    .select("generation")
    .executeTakeFirstOrThrow();
  return Number(row.generation);
}

/** `db` as another instance that notes the table of each statement it sends. */
function counting() {
  const sent: string[] = [];
  const counted = db.withPlugin({
    transformQuery(args) {
      const node = args.node;
      sent.push(node.kind === "SelectQueryNode" ? JSON.stringify(node.from?.froms) : node.kind);
      return node;
    },
    transformResult: async (args) => args.result,
  });
  return { sent, counted };
}

describe("facts kept while the reference generation stands", () => {
  it("are read once, then only the generation is read, once for all callers of a turn", async () => {
    const { sent, counted } = counting();
    await getZoneBySlug(counted, "fuxin-community");
    await listCategories(counted);
    expect(sent.length).toBe(4);
    const zone = await getZoneBySlug(counted, "fuxin-community");
    await listCategories(counted);
    // The calendar's zone, then its three tables: kept after a first read.
    await loadZoneCalendar(counted, zone!.id);
    await loadZoneCalendar(counted, zone!.id);
    expect(sent.length).toBe(4 + 1 + 1 + 6 + 2);
    await Promise.all([getZoneBySlug(counted, "fuxin-community"), listCategories(counted)]);
    expect(sent.length).toBe(14 + 1);
    expect(sent.filter((s) => s.includes("reference_generation")).length).toBe(9);
  });

  it("are all as of one read for the loaders of one page, and read again for the next", async () => {
    const { sent, counted } = counting();
    const generationReads = () => sent.filter((s) => s.includes("reference_generation")).length;
    const url = "http://localhost/markets/fuxin-community";
    const request = new Request(url);
    const page = pageDb(counted, request);
    expect(pageDb(counted, request)).toBe(page);
    // The zone, then its calendar, then the categories: three turns, one read of the number.
    const zone = (await getZoneBySlug(page, "fuxin-community"))!;
    await loadZoneCalendar(page, zone.id);
    const names = async (on: typeof db) =>
      (await listCategories(on)).find((c) => c.slug === "daily_goods")!.name_en;
    const before = await names(page);
    expect(generationReads()).toBe(1);
    // An approved layout's stalls, kept for the process, are shared by every page.
    const stalls = await approvedStalls(page, zone.id);
    const read = sent.length;
    expect(await approvedStalls(pageDb(counted, new Request(url)), zone.id)).toBe(stalls);
    expect(sent.slice(read).filter((s) => s.includes('"stalls"'))).toEqual([]);

    await other
      .updateTable("categories")
      .set({ name_en: "Household" })
      .where("slug", "=", "daily_goods")
      .execute();
    // The page goes on as it began; the next page, and any form sent, see the change.
    expect(await names(page)).toBe(before);
    expect(generationReads()).toBe(2);
    expect(await names(pageDb(counted, new Request(url)))).toBe("Household");
    const form = new Request(url, { method: "POST" });
    expect(pageDb(counted, form)).toBe(counted);
    expect(await names(pageDb(counted, form))).toBe("Household");
    expect(generationReads()).toBe(4);
  });

  it("show another process's change on the next read, on any of the kept tables", async () => {
    const zone = (await getZoneBySlug(db, "fuxin-community"))!;
    const before = await loadZoneCalendar(db, zone.id);
    expect(before!.closures.some((c) => c.reason === "路面维修")).toBe(false);
    await other
      .insertInto("closures")
      .values({
        zone_id: zone.id,
        starts_on: "2031-05-01",
        ends_on: "2031-05-02",
        reason: "路面维修",
        ...MADE,
      })
      .execute();
    const after = await loadZoneCalendar(db, zone.id);
    expect(after!.closures.some((c) => c.reason === "路面维修")).toBe(true);

    await other
      .updateTable("zones")
      .set({ name_en: "Fuxin, renamed" })
      .where("id", "=", zone.id)
      .execute();
    expect((await getZoneBySlug(db, "fuxin-community"))!.name_en).toBe("Fuxin, renamed");

    const caps = (await getBookingSettings(db, zone.id)).weeklyQuota;
    await other
      .insertInto("zone_settings")
      .values({ ...SETTINGS, zone_id: zone.id, weekly_quota: caps + 3 })
      .onConflict((oc) => oc.column("zone_id").doUpdateSet({ weekly_quota: caps + 3 }))
      .execute();
    expect((await getBookingSettings(db, zone.id)).weeklyQuota).toBe(caps + 3);

    await other
      .updateTable("categories")
      .set({ name_en: "Greens" })
      .where("slug", "=", "fresh_produce")
      .execute();
    expect((await listCategories(db)).find((c) => c.slug === "fresh_produce")!.name_en).toBe(
      "Greens",
    );

    // What the market page says of the market: announcements, the last inspection, ballots.
    const today = "2031-01-01";
    expect(await currentAnnouncements(db, zone.id, today)).toEqual([]);
    await other
      .insertInto("announcements")
      .values({
        zone_id: zone.id,
        kind: "weather",
        title: "大风",
        body: "摊位加固",
        starts_on: today,
        ends_on: today,
        ...MADE,
      })
      .execute();
    expect((await currentAnnouncements(db, zone.id, today)).map((a) => a.title)).toEqual(["大风"]);
    const inspected = await lastInspection(db, zone.id);
    await other
      .insertInto("inspections")
      .values({
        zone_id: zone.id,
        local_date: "2031-01-01",
        session_key: null,
        inspector_user_id: null,
        result: "issues",
        checklist: "{}",
        findings: "",
        created_at: MADE.created_at,
      })
      .execute();
    expect(inspected?.local_date).not.toBe("2031-01-01");
    expect(await lastInspection(db, zone.id)).toEqual({
      local_date: "2031-01-01",
      result: "issues",
    });
    // A ballot opened elsewhere: the page lists it, and its stalls are held for the draw.
    const now = new Date();
    const session = { zoneId: zone.id, localDate: "2031-02-03", sessionKey: "t1" };
    const [stall] = await approvedStalls(db, zone.id);
    const open = async () =>
      (await ballotsTakingApplications(db, now, { zoneId: zone.id })).map((b) => b.title_en);
    expect(await open()).not.toContain("Kept facts fair");
    expect((await stallsAwaitingDraw(db, session)).has(stall!.code)).toBe(false);
    await openBallot(
      other,
      {
        zoneId: zone.id,
        titleZh: "摇号",
        titleEn: "Kept facts fair",
        firstDate: "2031-02-01",
        lastDate: "2031-02-07",
        opensAt: now,
        closesAt: new Date(now.getTime() + 86_400_000),
        newcomerShare: 0.2,
        lookbackMonths: 6,
        stallIds: [stall!.id],
        actorUserId: await officeUserId(other),
      },
      now,
    );
    expect(await open()).toContain("Kept facts fair");
    expect((await stallsAwaitingDraw(db, session)).has(stall!.code)).toBe(true);

    // A zone closed by another process is gone from its public address at once.
    await other.updateTable("zones").set({ status: "paused" }).where("id", "=", zone.id).execute();
    expect(await getZoneBySlug(db, "fuxin-community")).toBeUndefined();
    await other.updateTable("zones").set({ status: "active" }).where("id", "=", zone.id).execute();
  });

  it("follow which layout is approved, and not each save of a draft's drawing", async () => {
    const zone = (await getZoneBySlug(db, "fuxin-community"))!;
    const stalls = await approvedStalls(db, zone.id);
    expect(stalls.length).toBeGreaterThan(0);
    const layout = await other
      .selectFrom("layouts")
      .select(["id", "notes"])
      .where("zone_id", "=", zone.id)
      .where("status", "=", "approved")
      .executeTakeFirstOrThrow();
    const at = await generation();
    await other.updateTable("layouts").set({ notes: "草稿" }).where("id", "=", layout.id).execute();
    expect(await generation()).toBe(at);
    await other
      .updateTable("layouts")
      .set({ status: "superseded" })
      .where("id", "=", layout.id)
      .execute();
    expect(await generation()).toBe(at + 1);
    expect(await approvedStalls(db, zone.id)).toEqual([]);
    await other
      .updateTable("layouts")
      .set({ status: "approved" })
      .where("id", "=", layout.id)
      .execute();
    expect((await approvedStalls(db, zone.id)).length).toBe(stalls.length);
  });

  it("are bumped by every insert, update and delete of each kept table, and not by a rollback", async () => {
    const zone = (await getZoneBySlug(db, "fuxin-community"))!;
    // A ballot of the demo's, with stalls.
    const { ballot_id: ballotId } = await db
      .selectFrom("ballot_stalls")
      .select("ballot_id")
      .executeTakeFirstOrThrow();
    const changes: Record<string, (trx: Kysely<Database>) => Promise<unknown>> = {
      zones: (trx) =>
        trx.updateTable("zones").set({ name_en: "X" }).where("id", "=", zone.id).execute(),
      session_templates: (trx) =>
        trx.deleteFrom("session_templates").where("zone_id", "=", zone.id).execute(),
      closures: (trx) =>
        trx
          .insertInto("closures")
          .values({
            ...MADE,
            zone_id: zone.id,
            starts_on: "2031-01-01",
            ends_on: "2031-01-01",
            reason: "x",
          })
          .execute(),
      market_events: (trx) =>
        trx
          .insertInto("market_events")
          .values({
            zone_id: zone.id,
            local_date: "2031-01-02",
            start_time: "18:00",
            end_time: "21:00",
            title_zh: "灯会",
            title_en: "Lanterns",
            ...MADE,
          })
          .execute(),
      zone_settings: (trx) =>
        trx
          .insertInto("zone_settings")
          .values({ ...SETTINGS, zone_id: zone.id, weekly_quota: 9 })
          .onConflict((oc) => oc.column("zone_id").doUpdateSet({ weekly_quota: 9 }))
          .execute(),
      categories: (trx) =>
        trx
          .updateTable("categories")
          .set({ sort_order: 99 })
          .where("slug", "=", "crafts")
          .execute(),
      layouts: (trx) =>
        trx
          .updateTable("layouts")
          .set({ status: "superseded" })
          .where("zone_id", "=", zone.id)
          .execute(),
      announcements: (trx) =>
        trx
          .insertInto("announcements")
          .values({
            zone_id: zone.id,
            kind: "notice",
            title: "x",
            body: "x",
            starts_on: "2031-01-01",
            ends_on: "2031-01-01",
            ...MADE,
          })
          .execute(),
      inspections: (trx) =>
        trx
          .insertInto("inspections")
          .values({
            zone_id: zone.id,
            local_date: "2031-01-03",
            session_key: null,
            inspector_user_id: null,
            result: "pass",
            checklist: "{}",
            findings: "",
            created_at: MADE.created_at,
          })
          .execute(),
      ballots: (trx) =>
        trx.updateTable("ballots").set({ title_en: "X" }).where("id", "=", ballotId).execute(),
      ballot_stalls: (trx) =>
        trx.deleteFrom("ballot_stalls").where("ballot_id", "=", ballotId).execute(),
    };
    expect(Object.keys(changes).sort()).toEqual(
      [...Object.keys(REFERENCE_TABLES), ...NOTICE_TABLES].sort(),
    );
    for (const [table, change] of Object.entries(changes)) {
      const at = await generation();
      // Undone: the number stays, so nothing kept is thrown away for nothing.
      await db
        .transaction()
        .execute(async (trx) => {
          await change(trx);
          throw new Error("undo");
        })
        .catch(() => undefined);
      expect(await generation(), `${table} undone`).toBe(at);
      expect(await keptReference(db, `probe:${table}`, async () => "kept")).toBe("kept");
      await db.transaction().execute(async (trx) => {
        expect(await keptReference(trx, `probe:${table}`, async () => "read"), table).toBe("kept");
        await change(trx);
        // Inside its own transaction a change is read as it stands, never from what is kept.
        expect(await keptReference(trx, `probe:${table}`, async () => "read"), table).toBe("read");
        if (table === "closures")
          expect(
            (await loadZoneCalendar(trx, zone.id))!.closures.some((c) => c.reason === "x"),
          ).toBe(true);
      });
      expect(await generation(other), table).toBeGreaterThan(at);
    }
  });

  it("serve a transaction that reads the generation they were kept at and changed none", async () => {
    const zone = (await getZoneBySlug(db, "fuxin-community"))!;
    const quota = (await getBookingSettings(db, zone.id)).weeklyQuota;
    const { sent, counted } = counting();
    const read = (trx: Kysely<Database>) => getBookingSettings(trx, zone.id);
    // Kept: the transaction reads only the generation (and whether it changed a kept table).
    expect((await counted.transaction().execute(read)).weeklyQuota).toBe(quota);
    expect(sent.length).toBe(1);
    expect(sent[0]).toContain("reference_generation");

    // Its own change, then undone: read as it stands inside, never kept for anyone else.
    const setQuota = (trx: Kysely<Database>, n: number) =>
      trx
        .insertInto("zone_settings")
        .values({ ...SETTINGS, zone_id: zone.id, weekly_quota: n })
        .onConflict((oc) => oc.column("zone_id").doUpdateSet({ weekly_quota: n }))
        .execute();
    await db
      .transaction()
      .execute(async (trx) => {
        await setQuota(trx, quota + 5);
        expect((await read(trx)).weeklyQuota).toBe(quota + 5);
        throw new Error("undo");
      })
      .catch(() => undefined);
    expect((await read(db)).weeklyQuota).toBe(quota);
    await db.transaction().execute(async (trx) => {
      expect((await read(trx)).weeklyQuota).toBe(quota);
      await setQuota(trx, quota + 6);
      expect((await read(trx)).weeklyQuota).toBe(quota + 6);
    });
    expect((await read(db)).weeklyQuota).toBe(quota + 6);

    // Another process's change, committed before the transaction reads: it reads the change.
    await setQuota(other, quota + 7);
    expect((await db.transaction().execute(read)).weeklyQuota).toBe(quota + 7);
    await setQuota(other, quota);

    // What a transaction had to read is read again outside it, and kept for the next caller.
    const loads: string[] = [];
    const load = (on: Kysely<Database>) => {
      loads.push(on.isTransaction ? "inside" : "outside");
      return Promise.resolve(loads.length);
    };
    expect(await db.transaction().execute((trx) => keptReference(trx, "missed", load))).toBe(1);
    await vi.waitFor(() => expect(loads).toEqual(["inside", "outside"]));
    expect(await keptReference(db, "missed", load)).toBe(2);
    expect(await db.transaction().execute((trx) => keptReference(trx, "missed", load))).toBe(2);
    expect(loads).toEqual(["inside", "outside"]);
  });

  it("never make a transaction wait for a read outside it that is still under way", async () => {
    // On SQLite such a read waits for the one connection, which the transaction holds.
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started = false;
    const outside = keptReference(db, "under-way", async () => {
      started = true;
      await gate;
      return "outside";
    });
    await vi.waitFor(() => expect(started).toBe(true));
    const inTransaction = () =>
      db.transaction().execute((trx) => keptReference(trx, "under-way", async () => "inside"));
    expect(await inTransaction()).toBe("inside");
    open();
    expect(await outside).toBe("outside");
    expect(await inTransaction()).toBe("outside");
  });

  it("are frozen: one request cannot change them for the next", async () => {
    const categories = await listCategories(db);
    expect(() => ((categories as { name_en: string }[])[0]!.name_en = "changed")).toThrow(
      TypeError,
    );
    expect(() => (categories as unknown[]).sort()).toThrow(TypeError);
    expect((await listCategories(db))[0]!.name_en).not.toBe("changed");
  });

  it("are never served when the generation cannot be read", async () => {
    await getZoneBySlug(db, "fuxin-community");
    await sql`delete from reference_generation`.execute(other);
    await expect(getZoneBySlug(db, "fuxin-community")).rejects.toThrow();
    await sql`insert into reference_generation (id, generation) values (1, 0)`.execute(other);
  });
});
