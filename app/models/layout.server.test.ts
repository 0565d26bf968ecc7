import { describe, expect, it } from "vitest";
import { createApprovedVendor, templateKey } from "#db/testing/factories";
import { userIdByEmail } from "#db/testing/requests";
import { gridPoint, offset, rectangle, toMetres, type Position } from "~/domain/geo";
import type { LayoutDocument } from "~/domain/layout-document";
import { db } from "~/utils/db.server";
import {
  approveLayout,
  approvedLayout,
  getLayoutRules,
  layoutChanges,
  loadLayoutDocument,
  returnLayout,
  saveDraft,
  saveLayoutRules,
  startDraft,
  submitLayout,
} from "./layout.server";
import { bookStall } from "./booking.server";
import { listNotifications } from "./notification.server";
import { approvedStalls } from "./zone.server";

const now = new Date("2026-11-28T00:00:00Z");
// Each test works on a market of its own: versions are per zone and the file shares one database.
async function setup(slug: string) {
  const zone = await db
    .selectFrom("zones")
    .select(["id", "boundary"])
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  const manager = await userIdByEmail("manager.longquan@jishi.example");
  const office = await userIdByEmail("office@jishi.example");
  return { zoneId: zone.id, manager, office };
}

/** A row of `count` 3 × 2 m stalls laid east from (x, y) metres off the zone's first corner. */
function addRow(document: LayoutDocument, letter: string, count: number, x: number, y: number) {
  const origin = document.boundary[0]!;
  for (let i = 0; i < count; i++)
    document.stalls.push({
      code: `${letter}-${String(i + 1).padStart(2, "0")}`,
      ring: rectangle(origin, x + i * 3.5, y, 3, 2).coordinates[0]!,
      categories: ["crafts"],
      power: false,
      water: false,
      feeFen: 300,
      publicWelfare: false,
    });
}

async function auditActions(zoneId: number) {
  return (
    await db
      .selectFrom("audit_log")
      .select("action")
      .where("zone_id", "=", zoneId)
      .where("action", "like", "%ayout%")
      .orderBy("id")
      .execute()
  ).map((r) => r.action);
}

describe("layout versions", () => {
  it("start as a copy of the approved layout, checked; a second start opens the same draft", async () => {
    const { zoneId, manager } = await setup("chengdong-street-morning");
    const draft = await startDraft(db, { zoneId, userId: manager }, now);
    expect(draft).toMatchObject({ version: 2, status: "draft", checks_passed: 1 });
    expect((await startDraft(db, { zoneId, userId: manager }, now)).id).toBe(draft.id);
    const copy = (await loadLayoutDocument(db, draft.id))!;
    const original = (await loadLayoutDocument(db, (await approvedLayout(db, zoneId))!.id))!;
    expect(copy).toEqual(original);
    expect(await layoutChanges(db, draft.id, zoneId)).toEqual({
      added: [],
      removed: [],
      moved: [],
      changed: [],
    });
  });

  it("are checked on every save; a row across the fire lane fails until it is moved", async () => {
    const { zoneId, manager } = await setup("fuxin-community");
    const draft = await startDraft(db, { zoneId, userId: manager }, now);
    const document = (await loadLayoutDocument(db, draft.id))!;
    // Fuxin's fire lane runs east–west 13 m north of the south-west corner.
    addRow(document, "X", 4, 20, 12);
    const saved = await saveDraft(
      db,
      { layoutId: draft.id, zoneId, userId: manager, document },
      now,
    );
    expect(saved.ok && saved.checks.find((c) => c.id === "fireLanes")).toMatchObject({
      passed: false,
      offenders: ["X-01", "X-02", "X-03", "X-04"],
    });
    // Moved east to the open end of the rows, clear of the lane and of rows C and D.
    document.stalls = document.stalls.filter((s) => !s.code.startsWith("X-"));
    addRow(document, "X", 4, 48, 16);
    const again = await saveDraft(
      db,
      { layoutId: draft.id, zoneId, userId: manager, document },
      now,
    );
    expect(again.ok && again.checks.filter((c) => !c.passed)).toEqual([]);
    expect((await layoutChanges(db, draft.id, zoneId)).added).toEqual([
      "X-01",
      "X-02",
      "X-03",
      "X-04",
    ]);
  });

  it("go to the office when submitted, and can no longer be changed by the manager", async () => {
    const { zoneId, manager, office } = await setup("chengbei-civilisation");
    const draft = await startDraft(db, { zoneId, userId: manager }, now);
    const document = (await loadLayoutDocument(db, draft.id))!;
    expect(await submitLayout(db, { layoutId: draft.id, zoneId, userId: manager }, now)).toBe(true);
    expect((await listNotifications(db, office))[0]).toMatchObject({
      message_key: "inbox.layoutSubmitted",
      link: `/manage/layouts/${draft.id}`,
    });
    expect(
      await saveDraft(db, { layoutId: draft.id, zoneId, userId: manager, document }, now),
    ).toEqual({ ok: false, code: "notEditable" });
    // Sent back, it can be edited again and becomes a draft on save.
    expect(
      await returnLayout(db, { layoutId: draft.id, userId: office, comment: "灭火器太少" }, now),
    ).toBe(true);
    expect((await listNotifications(db, manager))[0]).toMatchObject({
      message_key: "inbox.layoutReturned",
      params: expect.objectContaining({ comment: "灭火器太少" }),
    });
    const saved = await saveDraft(
      db,
      { layoutId: draft.id, zoneId, userId: manager, document },
      now,
    );
    expect(saved.ok).toBe(true);
    expect(await auditActions(zoneId)).toEqual([
      "layout.drafted",
      "layout.submitted",
      "layout.returned",
      "layout.saved",
    ]);
  });

  it("need a written reason to be approved with a failing check", async () => {
    const { zoneId, manager, office } = await setup("jidian-rural-produce");
    const draft = await startDraft(db, { zoneId, userId: manager }, now);
    const document = (await loadLayoutDocument(db, draft.id))!;
    document.extinguishers = document.extinguishers.slice(0, 1);
    await saveDraft(db, { layoutId: draft.id, zoneId, userId: manager, document }, now);
    await submitLayout(db, { layoutId: draft.id, zoneId, userId: manager }, now);
    expect(
      await approveLayout(db, { layoutId: draft.id, userId: office, reason: " " }, now),
    ).toEqual({
      ok: false,
      code: "reasonNeeded",
    });
    const approved = await approveLayout(
      db,
      { layoutId: draft.id, userId: office, reason: "临时：下周补齐灭火器" },
      now,
    );
    expect(approved.ok).toBe(true);
    const row = await db
      .selectFrom("layouts")
      .select(["status", "override_reason", "checks_passed"])
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "approved",
      override_reason: "临时：下周补齐灭火器",
      checks_passed: 0,
    });
    const zone = await db
      .selectFrom("zones")
      .select("extinguisher_count")
      .where("id", "=", zoneId)
      .executeTakeFirstOrThrow();
    expect(zone.extinguisher_count).toBe(1);
  });
});

describe("approving a layout", () => {
  it("carries bookings over: kept by code, moved to the nearest free stall that fits, or cancelled without penalty", async () => {
    const { zoneId, manager, office } = await setup("shuita-community");
    const morning = await templateKey(db, "shuita-community", "morning");
    const old = await approvedStalls(db, zoneId);
    const stall = (code: string) => old.find((s) => s.code === code)!;
    const book = async (code: string, category: string, localDate: string) => {
      const vendor = await createApprovedVendor(db, category);
      const { id } = await db
        .insertInto("bookings")
        .values({
          zone_id: zoneId,
          stall_id: stall(code).id,
          vendor_id: vendor.vendorId,
          local_date: localDate,
          session_key: morning,
          starts_at: `${localDate}T22:00:00.000Z`,
          ends_at: `${localDate}T23:00:00.000Z`,
          status: "confirmed",
          fee_fen: 500,
          idempotency_key: `layout-${code}-${localDate}`,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { id, userId: vendor.userId };
    };
    const kept = await book("A-01", "fresh_produce", "2026-12-01");
    const movedAway = await book("C-10", "cooked_food", "2026-12-01");
    const neighbour = await book("C-09", "cooked_food", "2026-12-01"); // C-09 is taken that day
    const homeless = await book("W-02", "public_welfare", "2026-12-01");
    const past = await book("C-10", "cooked_food", "2026-11-20");

    const draft = await startDraft(db, { zoneId, userId: manager }, now);
    const document = (await loadLayoutDocument(db, draft.id))!;
    document.stalls = document.stalls.filter((s) => !["C-10", "W-01", "W-02"].includes(s.code));
    await saveDraft(db, { layoutId: draft.id, zoneId, userId: manager, document }, now);
    await submitLayout(db, { layoutId: draft.id, zoneId, userId: manager }, now);
    expect(await approveLayout(db, { layoutId: draft.id, userId: office }, now)).toEqual({
      ok: true,
      kept: 2,
      moved: 1,
      cancelled: 1,
    });

    const fresh = await approvedStalls(db, zoneId);
    const codeOf = async (id: number) => {
      const b = await db
        .selectFrom("bookings")
        .innerJoin("stalls", "stalls.id", "bookings.stall_id")
        .select(["stalls.code", "stalls.layout_id", "bookings.status", "bookings.cancelled_late"])
        .where("bookings.id", "=", id)
        .executeTakeFirstOrThrow();
      return b;
    };
    expect(await codeOf(kept.id)).toMatchObject({ code: "A-01", layout_id: draft.id });
    expect(await codeOf(neighbour.id)).toMatchObject({ code: "C-09", layout_id: draft.id });
    // C-09 is taken that morning; the next nearest cooked-food stall is C-08.
    expect(await codeOf(movedAway.id)).toMatchObject({ code: "C-08", status: "confirmed" });
    expect(await codeOf(homeless.id)).toMatchObject({ status: "cancelled", cancelled_late: 0 });
    // What is over stays where it was.
    expect((await codeOf(past.id)).layout_id).not.toBe(draft.id);
    expect(fresh.map((s) => s.code)).not.toContain("W-01");

    expect((await listNotifications(db, movedAway.userId))[0]).toMatchObject({
      message_key: "inbox.bookingMovedByLayout",
      params: expect.objectContaining({ from: "C-10", to: "C-08" }),
    });
    expect((await listNotifications(db, homeless.userId))[0]).toMatchObject({
      message_key: "inbox.bookingCancelledByLayout",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("action", "in", [
        "booking.movedByLayout",
        "booking.cancelledByLayout",
        "layout.approved",
      ])
      .where("zone_id", "=", zoneId)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "booking.movedByLayout", entity_id: movedAway.id },
      { action: "booking.cancelledByLayout", entity_id: homeless.id },
      { action: "layout.approved", entity_id: draft.id },
    ]);
    // A booking page opened before the approval names the old A-02: the new A-02 is booked.
    const late = await createApprovedVendor(db, "fresh_produce");
    const booked = await bookStall(
      db,
      {
        vendorId: late.vendorId,
        stallId: stall("A-02").id,
        localDate: "2026-12-01",
        sessionKey: morning,
        idempotencyKey: "late-page",
      },
      now,
    );
    expect(booked.ok && booked.booking.stall_id).toBe(fresh.find((s) => s.code === "A-02")!.id);

    const layouts = await db
      .selectFrom("layouts")
      .select(["version", "status"])
      .where("zone_id", "=", zoneId)
      .orderBy("version")
      .execute();
    expect(layouts).toEqual([
      { version: 1, status: "superseded" },
      { version: 2, status: "approved" },
    ]);
  });
});

describe("a zone's safety rules", () => {
  it("default to the documented values and can be set per zone, audited", async () => {
    const { zoneId, manager } = await setup("longquan-park-evening");
    expect(await getLayoutRules(db, zoneId)).toMatchObject({ fireLaneWidthM: 4, aisleMinM: 2 });
    const rules = { ...(await getLayoutRules(db, zoneId)), extinguisherReachM: 15 };
    await saveLayoutRules(db, { zoneId, userId: manager, rules }, now);
    expect(await getLayoutRules(db, zoneId)).toEqual(rules);
    expect(await auditActions(zoneId)).toContain("layout.rules");
  });
});

// Keeps the helpers honest about the zone's own grid.
it("places rows in metres from the boundary's first corner", async () => {
  const { zoneId } = await setup("taihang-street-night");
  const document = (await loadLayoutDocument(db, (await approvedLayout(db, zoneId))!.id))!;
  const origin = document.boundary[0]! as Position;
  expect(toMetres(origin, offset(origin, 3, 4)).map((v) => Math.round(v))).toEqual([3, 4]);
  expect(gridPoint(origin, 0, 0)).toEqual(origin);
});
