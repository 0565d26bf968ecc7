// The integrity record against a real database: each source records one event, at the rule of the
// day; annulment, appeal and the office's decision change what counts, audited and told to the
// vendor; a clean quarter of trading earns the mark.
import { describe, expect, it } from "vitest";
import {
  createApprovedVendor,
  createZoneLike,
  officeUserId,
  stallsTaking,
  templateKey,
} from "#db/testing/factories";
import { localToUtc } from "~/domain/calendar";
import { db } from "~/utils/db.server";
import { bookStall, newIdempotencyKey } from "./booking.server";
import { recordInspection } from "./inspection.server";
import {
  annulIntegrityEvent,
  appealIntegrityEvent,
  decideAppeal,
  integrityMarks,
  integrityRules,
  integritySummary,
  pendingAppeals,
  recordIntegrityEvent,
  saveIntegrityRules,
  vendorIntegrity,
  zoneIntegrityEvents,
} from "./integrity.server";
import { checkIn, markNoShow } from "./market-day.server";
import { listNotifications } from "./notification.server";
import { actOnReport, createReport } from "./report.server";

const TZ = "Asia/Shanghai";
const allOk = {
  extinguishers: "ok",
  fireLanes: "ok",
  electrical: "ok",
  hygiene: "ok",
  weights: "ok",
} as const;

async function market() {
  const office = await officeUserId(db);
  const manager = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "manager.longquan@jishi.example")
    .executeTakeFirstOrThrow();
  const zone = await createZoneLike(db, "fuxin-community", {
    name: "诚信测试市场",
    managerUserIds: [manager.id],
  });
  const stalls = await stallsTaking(db, zone.slug, "fresh_produce");
  const morning = await templateKey(db, zone.slug, "morning");
  return { ...zone, office, manager: manager.id, stalls, morning };
}

type Market = Awaited<ReturnType<typeof market>>;

/** A booking of the morning market of `date` (06:00 in Huguan), made the day before. */
async function book(m: Market, vendorId: number, stall: number, date: string) {
  const start = localToUtc(date, "06:00", TZ);
  const result = await bookStall(
    db,
    {
      vendorId,
      stallId: m.stalls[stall]!.id,
      localDate: date,
      sessionKey: m.morning,
      idempotencyKey: newIdempotencyKey(),
    },
    new Date(start.getTime() - 86_400_000),
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  return { id: result.booking.id, at };
}

/** A booking, and the vendor checked in five minutes after the start. */
async function trade(m: Market, vendorId: number, stall: number, date: string) {
  const b = await book(m, vendorId, stall, date);
  await checkIn(db, { zoneId: m.zoneId, bookingId: b.id, actorUserId: m.manager, now: b.at(5) });
  return b;
}

async function inspectStall(m: Market, date: string, stallCode: string, kind = "prices_differ") {
  return recordInspection(
    db,
    {
      zoneId: m.zoneId,
      userId: m.manager,
      localDate: date,
      sessionKey: m.morning,
      checklist: allOk,
      findings: "",
      photos: [],
      followups: [],
      stallFindings: [
        { stallCode, kind: kind as "prices_differ", note: "西红柿标 3 元，实收 4 元" },
      ],
    },
    localToUtc(date, "07:00", TZ),
  );
}

describe("the integrity record", () => {
  it("records a no-show, an inspection finding and an upheld report once each, with their source", async () => {
    const m = await market();
    const vendor = await createApprovedVendor(db);
    // A no-show in April 2030: the first minor matter of the quarter, a warning.
    const absent = await book(m, vendor.vendorId, 0, "2030-04-02");
    const day = { zoneId: m.zoneId, bookingId: absent.id, actorUserId: m.manager };
    expect(await markNoShow(db, { ...day, now: absent.at(31) })).toEqual({ ok: true });
    // Recording the same source again changes nothing.
    expect(
      await recordIntegrityEvent(
        db,
        {
          vendorId: vendor.vendorId,
          zoneId: m.zoneId,
          kind: "no_show",
          sourceType: "booking",
          sourceId: absent.id,
          localDate: "2030-04-02",
          reason: "",
          actorUserId: m.manager,
        },
        absent.at(40),
      ),
    ).toBeNull();

    // An inspection finds the prices differ from the list at the stall the vendor is booked at.
    const present = await trade(m, vendor.vendorId, 1, "2030-04-09");
    const stallCode = m.stalls[1]!.code;
    expect(await inspectStall(m, "2030-04-09", stallCode)).toMatchObject({ ok: true });
    // Nobody booked at a stall: the inspection is refused, naming the stall, and nothing is kept.
    const before = await db
      .selectFrom("inspections")
      .select("id")
      .where("zone_id", "=", m.zoneId)
      .execute();
    expect(await inspectStall(m, "2030-04-09", m.stalls[5]!.code)).toEqual({
      ok: false,
      noVendorAt: m.stalls[5]!.code,
    });
    expect(
      await db.selectFrom("inspections").select("id").where("zone_id", "=", m.zoneId).execute(),
    ).toHaveLength(before.length);

    // A report made from the stall's card, upheld against the vendor.
    const report = await createReport(
      db,
      {
        zoneId: m.zoneId,
        category: "prices_weights",
        description: "称不准，少了二两。",
        photo: null,
        position: null,
        contact: null,
        userId: null,
        about: {
          stallCode,
          session: { localDate: "2030-04-09", key: m.morning },
          vendor: { id: vendor.vendorId },
        },
      },
      present.at(30),
    );
    expect(
      await actOnReport(
        db,
        {
          reportId: report.id,
          userId: m.manager,
          action: { kind: "resolve", reply: "核实属实，已当场处理。", upheld: true },
        },
        present.at(120),
      ),
    ).toBe(true);

    const record = await vendorIntegrity(db, vendor.vendorId, "2030-04-20");
    expect(record.quarter).toBe("2030-Q2");
    expect(
      record.events.map((e) => [e.kind, e.source_type, e.effect, e.deducts, e.reason]).reverse(),
    ).toEqual([
      ["no_show", "booking", "warning", 0, ""],
      ["prices_differ", "inspection_finding", "deducted", 2, "西红柿标 3 元，实收 4 元"],
      ["report_upheld", "report", "deducted", 3, "核实属实，已当场处理。"],
    ]);
    expect(record.events.find((e) => e.kind === "no_show")?.booking_stall).toBe(m.stalls[0]!.code);
    expect(record.events.find((e) => e.kind === "prices_differ")?.finding_stall).toBe(stallCode);
    expect(record.events.find((e) => e.kind === "report_upheld")?.report_code).toBe(report.code);
    expect(record.score.remaining).toBe(7);
    expect((await integritySummary(db, vendor.vendorId, "2030-04-20")).remaining).toBe(7);
    // The vendor was told each time, with a link to the record; all of it audited.
    const told = await listNotifications(db, vendor.userId);
    expect(told.filter((n) => n.message_key === "inbox.integrityRecorded")).toHaveLength(3);
    const audited = await db
      .selectFrom("audit_log")
      .select("action")
      .where("zone_id", "=", m.zoneId)
      .where("action", "=", "integrity.recorded")
      .execute();
    expect(audited).toHaveLength(3);
  });

  it("a manager annuls, the vendor appeals once, the office upholds or rejects: points follow", async () => {
    const m = await market();
    const vendor = await createApprovedVendor(db);
    const first = await book(m, vendor.vendorId, 0, "2030-05-05");
    await markNoShow(db, {
      zoneId: m.zoneId,
      bookingId: first.id,
      actorUserId: m.manager,
      now: first.at(31),
    });
    const second = await book(m, vendor.vendorId, 0, "2030-05-12");
    await markNoShow(db, {
      zoneId: m.zoneId,
      bookingId: second.id,
      actorUserId: m.manager,
      now: second.at(31),
    });
    const ids = async () =>
      (await vendorIntegrity(db, vendor.vendorId, "2030-05-20")).events.map((e) => e.id).reverse();
    const [firstEvent, secondEvent] = await ids();
    const points = async () =>
      (await vendorIntegrity(db, vendor.vendorId, "2030-05-20")).score.remaining;
    expect(await points()).toBe(10);

    // Only a manager of the market may annul; the warning passes to the second no-show.
    const later = new Date("2030-05-13T02:00:00Z");
    expect(
      await annulIntegrityEvent(
        db,
        { eventId: firstEvent!, userId: m.manager, zoneIds: [], reason: "摊主生病，有证明" },
        later,
      ),
    ).toBe("notFound");
    expect(
      await annulIntegrityEvent(
        db,
        {
          eventId: firstEvent!,
          userId: m.manager,
          zoneIds: [m.zoneId],
          reason: "摊主生病，有证明",
        },
        later,
      ),
    ).toBeNull();
    expect(
      await annulIntegrityEvent(
        db,
        { eventId: firstEvent!, userId: m.manager, zoneIds: [m.zoneId], reason: "再撤一次" },
        later,
      ),
    ).toBe("notAllowed");
    expect(await points()).toBe(12);

    // A third no-show costs two points; the vendor appeals it; another vendor cannot.
    const third = await book(m, vendor.vendorId, 0, "2030-05-19");
    await markNoShow(db, {
      zoneId: m.zoneId,
      bookingId: third.id,
      actorUserId: m.manager,
      now: third.at(31),
    });
    const thirdEvent = (await ids())[2]!;
    expect(await points()).toBe(10);
    const other = await createApprovedVendor(db);
    expect(
      await appealIntegrityEvent(
        db,
        { eventId: thirdEvent, vendorId: other.vendorId, text: "不是我" },
        later,
      ),
    ).toBe("notFound");
    expect(
      await appealIntegrityEvent(
        db,
        {
          eventId: thirdEvent,
          vendorId: vendor.vendorId,
          text: "那天市场临时停电，管理员通知不用来",
        },
        later,
      ),
    ).toBeNull();
    expect(
      await appealIntegrityEvent(
        db,
        { eventId: thirdEvent, vendorId: vendor.vendorId, text: "再申诉一次" },
        later,
      ),
    ).toBe("notAllowed");
    expect((await pendingAppeals(db)).map((a) => a.id)).toContain(thirdEvent);
    // Still counted while it waits; upheld, the points come back.
    expect(await points()).toBe(10);
    expect(
      await decideAppeal(
        db,
        { eventId: thirdEvent, userId: m.office, uphold: true, note: "核实停电，恢复分数" },
        later,
      ),
    ).toBeNull();
    expect(await points()).toBe(12);
    expect(
      await decideAppeal(
        db,
        { eventId: thirdEvent, userId: m.office, uphold: false, note: "改判" },
        later,
      ),
    ).toBe("notAllowed");

    // The second (the warning now) appealed and rejected: it stays a warning.
    await appealIntegrityEvent(
      db,
      { eventId: secondEvent!, vendorId: vendor.vendorId, text: "路上堵车" },
      later,
    );
    await decideAppeal(
      db,
      { eventId: secondEvent!, userId: m.office, uphold: false, note: "堵车不算理由" },
      later,
    );
    const record = await vendorIntegrity(db, vendor.vendorId, "2030-05-20");
    expect(record.events.map((e) => [e.effect, e.appeal_state, e.annul_reason]).reverse()).toEqual([
      ["annulled", null, "摊主生病，有证明"],
      ["warning", "rejected", null],
      ["restored", "upheld", null],
    ]);
    const told = (await listNotifications(db, vendor.userId)).map((n) => n.message_key);
    expect(told).toEqual(
      expect.arrayContaining([
        "inbox.integrityAnnulled",
        "inbox.appealUpheld",
        "inbox.appealRejected",
      ]),
    );
    const actions = (
      await db.selectFrom("audit_log").select("action").where("zone_id", "=", m.zoneId).execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "integrity.annul",
        "integrity.appeal",
        "integrity.appeal.upheld",
        "integrity.appeal.rejected",
      ]),
    );
    expect((await zoneIntegrityEvents(db, [m.zoneId])).map((e) => e.vendor_id)).toEqual([
      vendor.vendorId,
      vendor.vendorId,
      vendor.vendorId,
    ]);
  });

  it("gives the mark for a quarter traded in without losing a point", async () => {
    const m = await market();
    const clean = await createApprovedVendor(db);
    const warned = await createApprovedVendor(db);
    const docked = await createApprovedVendor(db);
    const idle = await createApprovedVendor(db);
    await trade(m, clean.vendorId, 0, "2030-08-04");
    await trade(m, warned.vendorId, 1, "2030-08-04");
    await trade(m, docked.vendorId, 2, "2030-08-04");
    await inspectStall(m, "2030-08-04", m.stalls[1]!.code, "prices_not_shown");
    await inspectStall(m, "2030-08-04", m.stalls[2]!.code, "safety");
    const vendors = [clean, warned, docked, idle].map((v) => v.vendorId);
    // During the quarter nobody holds it yet; after it, those who traded and kept their points.
    expect((await integrityMarks(db, vendors, "2030-09-20")).size).toBe(0);
    const marks = await integrityMarks(db, vendors, "2030-10-02");
    expect([...marks]).toEqual([
      [clean.vendorId, "2030-Q3"],
      [warned.vendorId, "2030-Q3"],
    ]);
    expect((await vendorIntegrity(db, clean.vendorId, "2030-10-02")).mark).toBe("2030-Q3");
    // The quarter after, the mark is for a quarter that was not traded in: gone.
    expect((await integrityMarks(db, vendors, "2031-01-05")).size).toBe(0);
  });

  it("takes the county's rule of the day; a later change does not reach back", async () => {
    const m = await market();
    const vendor = await createApprovedVendor(db);
    const rules = await integrityRules(db);
    expect(rules.map((r) => r.kind)).toEqual([
      "no_show",
      "report_upheld",
      "prices_not_shown",
      "prices_differ",
      "hygiene",
      "safety",
    ]);
    try {
      await trade(m, vendor.vendorId, 0, "2030-11-03");
      await inspectStall(m, "2030-11-03", m.stalls[0]!.code, "safety");
      await saveIntegrityRules(
        db,
        {
          userId: m.office,
          rules: rules.map((r) => (r.kind === "safety" ? { ...r, points: 6 } : r)),
        },
        new Date("2030-11-04T00:00:00Z"),
      );
      expect((await integrityRules(db)).find((r) => r.kind === "safety")?.points).toBe(6);
      await trade(m, vendor.vendorId, 0, "2030-11-10");
      await inspectStall(m, "2030-11-10", m.stalls[0]!.code, "safety");
      const record = await vendorIntegrity(db, vendor.vendorId, "2030-11-20");
      expect(record.events.map((e) => e.deducts).reverse()).toEqual([4, 6]);
      expect(record.score.remaining).toBe(2);
      const audit = await db
        .selectFrom("audit_log")
        .select(["before", "after"])
        .where("action", "=", "integrity.rules")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toContainEqual({ kind: "safety", points: 6, minor: 0 });
    } finally {
      await saveIntegrityRules(db, { userId: m.office, rules }, new Date("2030-11-21T00:00:00Z"));
    }
  });
});
