// A published layout's stall outlines, the file the market and booking pages' maps draw from.
import { describe, expect, it } from "vitest";
import { createBigZone } from "#db/testing/big-zone";
import { officeUserId } from "#db/testing/factories";
import { testContext } from "#db/testing/requests";
import { unpackGeometry } from "~/components/stall-map";
import { startDraft } from "~/models/layout.server";
import { approvedStalls } from "~/models/zone.server";
import { db } from "~/utils/db.server";
import { loader } from "./layouts.$id.stalls[.]json";

const get = (id: string) =>
  loader({
    request: new Request(`http://localhost/layouts/${id}/stalls.json`),
    params: { id },
    context: testContext,
  }).catch((thrown: unknown) => thrown as Response);

describe("a layout's stall outlines", () => {
  it("are published once approved, kept for ever by the browser, and never for a draft", async () => {
    const slug = await createBigZone(db, { slug: "outline-file", rows: 2, perRow: 5 });
    const zone = await db
      .selectFrom("zones")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    const stalls = await approvedStalls(db, zone.id);
    const layout = stalls[0]!.layout_id;

    const file = await get(String(layout));
    expect(file.status).toBe(200);
    expect(file.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(file.headers.get("Content-Type")).toMatch(/^application\/json/);
    const outlines = unpackGeometry(await file.text());
    // In the layout's order, the order the pages send their tones in.
    expect(outlines.map((o) => [o.id, o.code])).toEqual(stalls.map((s) => [s.id, s.code]));
    expect(outlines[0]!.ring.length).toBeGreaterThanOrEqual(3);

    // A new version being drawn is the managers' own until it is approved.
    const draft = await startDraft(
      db,
      { zoneId: zone.id, userId: await officeUserId(db) },
      new Date(),
    );
    expect(draft.id).not.toBe(layout);
    expect((await get(String(draft.id))).status).toBe(404);
    // Nor is anything that is not a layout's number.
    for (const id of ["999999", "abc", "01", "-1", "1.5", "%00"])
      expect((await get(id)).status).toBe(404);
  });
});
