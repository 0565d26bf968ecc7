// Prepared queries (decision 034) against a real database, either engine: the same rows as the
// query built afresh, in a transaction too, and a clear error for a query whose shape depends on
// its values.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { prepared } from "./prepared";
import type { ZoneKind, ZoneStatus } from "./schema";
import { inTransaction } from "./transaction";

const zoneByStatus = (status: ZoneStatus) =>
  db.selectFrom("zones").select(["id", "slug"]).where("status", "=", status).orderBy("id");

describe("a prepared query", () => {
  it("returns what the query built for the same values returns, and is built with marks once", async () => {
    let marked = 0;
    const zones = prepared((on, p: { status: ZoneStatus; from: number }) => {
      if (typeof p.from === "string") marked++;
      return on
        .selectFrom("zones")
        .select(["id", "slug"])
        .where("status", "=", p.status)
        .where("id", ">=", p.from)
        .orderBy("id");
    });
    const active = await zones.all(db, { status: "active", from: 0 });
    expect(active.length).toBeGreaterThan(1);
    expect(active).toEqual(await zoneByStatus("active").execute());
    const later = await zones.all(db, { status: "active", from: active[1]!.id });
    expect(later).toEqual(active.slice(1));
    expect(await zones.all(db, { status: "paused", from: 0 })).toEqual(
      await zoneByStatus("paused").execute(),
    );
    expect(await zones.first(db, { status: "closed", from: 1e9 })).toBeUndefined();
    expect(marked).toBe(1);
  });

  it("runs in a transaction, and sees what the transaction wrote", async () => {
    const slugOf = prepared((on, p: { id: number }) =>
      on.selectFrom("zones").select("slug").where("id", "=", p.id),
    );
    const [zone] = await zoneByStatus("active").execute();
    await expect(
      inTransaction(db, async (trx) => {
        await trx
          .updateTable("zones")
          .set({ slug: "renamed-in-trx" })
          .where("id", "=", zone!.id)
          .execute();
        expect(await slugOf.first(trx, { id: zone!.id })).toEqual({ slug: "renamed-in-trx" });
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await slugOf.first(db, { id: zone!.id })).toEqual({ slug: zone!.slug });
  });

  it("keeps a query's own constants beside its values", async () => {
    const counted = prepared((on, p: { kind: ZoneKind }) =>
      on
        .selectFrom("zones")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("kind", "=", p.kind)
        .where("status", "in", ["active", "paused"]),
    );
    const kinds = await db.selectFrom("zones").select("kind").distinct().execute();
    for (const { kind } of kinds) {
      const built = await db
        .selectFrom("zones")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("kind", "=", kind)
        .where("status", "in", ["active", "paused"])
        .executeTakeFirstOrThrow();
      expect(Number((await counted.first(db, { kind }))!.n)).toBe(Number(built.n));
    }
  });

  it("refuses a value that decides the query's shape", async () => {
    const ifSet = prepared((on, p: { slug: string | null }) =>
      on
        .selectFrom("zones")
        .select("id")
        .$if(p.slug !== null, (q) => q.where("status", "=", "active")),
    );
    await expect(ifSet.all(db, { slug: "x" })).rejects.toThrow('"slug" shapes the query');
  });

  it("refuses a value changed before use, or written into the SQL", async () => {
    const changed = prepared((on, p: { date: string }) =>
      on.selectFrom("zones").select("id").where("slug", ">=", `${p.date}T00:00`),
    );
    await expect(changed.all(db, { date: "2031-01-01" })).rejects.toThrow("changed before use");
    const written = prepared((on, p: { column: string }) =>
      on.selectFrom("zones").select(sql.ref(p.column).as("x")),
    );
    await expect(written.all(db, { column: "slug" })).rejects.toThrow("written into the SQL");
  });

  it("is checked against the query built for each call's values outside production", async () => {
    // The mark is never "active", so the template is built with the other branch: only the check
    // of each call against the ordinary build can see that the shape changed.
    const branching = prepared((on, p: { status: ZoneStatus }) =>
      p.status === "active"
        ? on.selectFrom("zones").select("id").where("status", "=", p.status).orderBy("id")
        : on.selectFrom("zones").select("id").where("status", "=", p.status),
    );
    await expect(branching.all(db, { status: "active" })).rejects.toThrow(
      "differs from the same query built",
    );
  });

  it("says which value is missing", async () => {
    const byId = prepared((on, p: { id: number }) =>
      on.selectFrom("zones").select("id").where("id", "=", p.id),
    );
    await expect(byId.all(db, {} as { id: number })).rejects.toThrow('"id" is missing');
  });

  it("is built afresh for a database with plugins, which change each query as it is compiled", async () => {
    const seen: string[] = [];
    const watched = db.withPlugin({
      transformQuery: (args) => (seen.push(args.node.kind), args.node),
      transformResult: async (args) => args.result,
    });
    const byId = prepared((on, p: { id: number }) =>
      on.selectFrom("zones").select("id").where("id", "=", p.id),
    );
    await byId.all(db, { id: 1 });
    await byId.all(watched, { id: 1 });
    await byId.all(watched, { id: 2 });
    expect(seen.filter((k) => k === "SelectQueryNode").length).toBeGreaterThanOrEqual(2);
  });
});
