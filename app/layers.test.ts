// The layer rules are enforced by `npm run lint`: this lints small files as if they stood in each
// layer and checks that the rule fires (and stays quiet on what is allowed).
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("layer rules", () => {
  it("refuse a route that imports the database or writes a query", async () => {
    expect(
      await problems(
        "app/routes/fixture.tsx",
        'import { createDb } from "#db/connect";\nexport const db = createDb("file:x");\n',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports: .*app\/models/)]);
    expect(
      await problems(
        "app/routes/fixture.tsx",
        'import { db } from "~/utils/db.server";\nexport const rows = () => db.selectFrom("zones").selectAll().execute();\n',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-syntax: Queries live in app\/models/)]);
    // Types from the schema are fine.
    expect(
      await problems(
        "app/routes/fixture.tsx",
        'import type { Role } from "#db/schema";\nexport const r: Role = "vendor";\n',
      ),
    ).toEqual([]);
  });

  it("keep the domain pure and components away from server modules", async () => {
    expect(
      await problems(
        "app/domain/fixture.ts",
        'import type { MessageKey } from "~/locales/zh-CN";\nexport const k: MessageKey = "app.name";\n',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports: .*Domain rules are pure/)]);
    expect(
      await problems(
        "app/components/fixture.tsx",
        'import { db } from "~/utils/db.server";\nexport const x = db;\n',
      ),
    ).toEqual([
      expect.stringMatching(/no-restricted-imports: .*A component imports no server module/),
    ]);
  });

  it("make models take the clock from their caller, and nobody name a time zone", async () => {
    expect(
      await problems(
        "app/models/fixture.server.ts",
        "export const at = () => new Date().toISOString();\n",
      ),
    ).toEqual([expect.stringMatching(/no-restricted-syntax: Take `now: Date`/)]);
    expect(
      await problems("app/routes/fixture.tsx", 'export const tz = "Asia/Shanghai";\n'),
    ).toEqual([expect.stringMatching(/no-restricted-syntax: Use the zone's time_zone/)]);
  });
});
