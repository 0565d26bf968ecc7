// A stall's card opens this stall now: one session shows one vendor, another session another,
// with what they sell and until when their papers are valid; a report made from it names the
// stall, the session and the vendor booked there then.
import { describe, expect, it } from "vitest";
import {
  createApprovedVendor,
  createZoneLike,
  stallsTaking,
  templateKey,
} from "#db/testing/factories";
import { db } from "~/utils/db.server";
import { bookStall, newIdempotencyKey } from "./booking.server";
import { createReport } from "./report.server";
import { stallAbout, stallCard } from "./stall-card.server";

// Saturday 28 November 2026, 08:00 in Huguan: Fuxin's morning market (06:00–09:00) is on.
const NOW = new Date("2026-11-28T00:00:00Z");

async function market() {
  const zone = await createZoneLike(db, "fuxin-community", {
    name: "码上集市",
    managerUserIds: [],
  });
  const [stall] = await stallsTaking(db, zone.slug, "fresh_produce");
  const morning = await templateKey(db, zone.slug, "morning");
  const book = async (name: string, localDate: string) => {
    const vendor = await createApprovedVendor(db, "fresh_produce", { name });
    await db
      .updateTable("vendors")
      .set({ home_community: "集店乡南河村" })
      .where("id", "=", vendor.vendorId)
      .execute();
    const made = await bookStall(
      db,
      {
        vendorId: vendor.vendorId,
        stallId: stall!.id,
        localDate,
        sessionKey: morning,
        idempotencyKey: newIdempotencyKey(),
      },
      new Date("2026-11-27T00:00:00Z"),
    );
    expect(made.ok).toBe(true);
    return vendor;
  };
  return { ...zone, stall: stall!, morning, book };
}

describe("a stall's card", () => {
  it("shows who is selling in the session in progress, or another session asked for", async () => {
    const m = await market();
    const today = await m.book("今天的摊主", "2026-11-28");
    const monday = await m.book("周一的摊主", "2026-11-30");
    const card = { zoneId: m.zoneId, code: m.stall.code };

    const now = (await stallCard(db, card, NOW))!;
    expect(now.chosen).toMatchObject({ localDate: "2026-11-28", inProgress: true });
    expect(now.chosen?.vendor).toMatchObject({
      vendor_id: today.vendorId,
      display_name: "今天的摊主",
      home_community: "集店乡南河村",
      // The factory's papers run to the end of 2030.
      papersUntil: "2030-12-31",
    });

    const later = (await stallCard(db, card, NOW, `2026-11-30|${m.morning}`))!;
    expect(later.chosen).toMatchObject({ localDate: "2026-11-30", inProgress: false });
    expect(later.chosen?.vendor?.vendor_id).toBe(monday.vendorId);
    // The coming sessions, with who has booked each.
    expect(
      later.sessions.find((s) => s.localDate === "2026-11-29" && s.key === m.morning)?.vendor,
    ).toBeNull();

    // After the morning market the card moves on to the next session: Saturday evening's,
    // where nobody has booked this stall.
    const evening = (await stallCard(db, card, new Date("2026-11-28T02:00:00Z")))!;
    expect(evening.chosen).toMatchObject({
      localDate: "2026-11-28",
      kind: "evening",
      vendor: null,
    });
  });

  it("opens nothing for a stall the market's layout does not have", async () => {
    const m = await market();
    expect(await stallCard(db, { zoneId: m.zoneId, code: "Z-99" }, NOW)).toBeUndefined();
    expect(await stallCard(db, { zoneId: 999_999, code: m.stall.code }, NOW)).toBeUndefined();
  });

  it("makes a report about the stall, the session and the vendor booked there", async () => {
    const m = await market();
    const vendor = await m.book("被反映的摊主", "2026-11-28");
    const about = await stallAbout(db, m.zoneId, m.stall.code, `2026-11-28|${m.morning}`);
    expect(about).toMatchObject({
      stallCode: m.stall.code,
      session: { localDate: "2026-11-28", key: m.morning },
      vendor: { id: vendor.vendorId, name: "被反映的摊主" },
    });
    // A session that is not held, or a stall that is not there, is not taken from the form.
    expect(
      (await stallAbout(db, m.zoneId, m.stall.code, "2026-11-28|t999999"))?.session,
    ).toBeNull();
    expect(await stallAbout(db, m.zoneId, "Z-99", null)).toBeNull();

    const report = await createReport(
      db,
      {
        zoneId: m.zoneId,
        category: "prices_weights",
        description: "秤不准，少给了二两",
        photo: null,
        position: about!.position,
        contact: null,
        userId: null,
        about,
      },
      NOW,
    );
    const row = await db
      .selectFrom("problem_reports")
      .select(["stall_code", "local_date", "session_key", "vendor_id", "lng", "lat"])
      .where("id", "=", report.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      stall_code: m.stall.code,
      local_date: "2026-11-28",
      session_key: m.morning,
      vendor_id: vendor.vendorId,
    });
    expect(row.lng).not.toBeNull();
  });
});
