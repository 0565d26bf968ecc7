// On PostgreSQL the app's connection prepares each statement with parameters once per connection
// (db/connect.ts, withNamedStatements); the answers are the same, and scripts still run.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { TEST_ON_POSTGRES } from "#db/testing/postgres";
import { db } from "~/utils/db.server";

describe.runIf(TEST_ON_POSTGRES)("named statements on PostgreSQL", () => {
  it("prepares a statement once on a connection and answers each execution with its values", async () => {
    const slugs = await db.selectFrom("zones").select("slug").orderBy("id").limit(2).execute();
    expect(slugs).toHaveLength(2);
    await db.connection().execute(async (connection) => {
      const slugOf = async (slug: string) =>
        (
          await connection
            .selectFrom("zones")
            .select(["slug"])
            .where("slug", "=", slug)
            .executeTakeFirst()
        )?.slug;
      expect(await slugOf(slugs[0]!.slug)).toBe(slugs[0]!.slug);
      expect(await slugOf(slugs[1]!.slug)).toBe(slugs[1]!.slug);
      expect(await slugOf("no-such-market")).toBeUndefined();
      const { rows } = await sql<{ name: string; text: string }>`
        select name, statement as text from pg_prepared_statements`.execute(connection);
      const ours = rows.filter((r) => r.text.includes(`from "zones" where "slug" = $1`));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.name).toMatch(/^jishi_\d+$/);
    });
  });

  it("runs a script of several statements without parameters, as migrations do", async () => {
    await sql.raw("select 1; select 2").execute(db);
  });
});
