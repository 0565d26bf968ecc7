import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalInputs,
  commitmentOf,
  draw,
  DRAW_VERSION,
  GROUPS,
  inputsDigest,
  newcomerReserve,
  verify,
  type BallotApplication,
  type BallotInputs,
  type BallotResults,
  type BallotStall,
} from "./ballot-draw";

const SEED = "5f".repeat(32);

const stall = (code: string, extra: Partial<BallotStall> = {}): BallotStall => ({
  code,
  row: code[0]!,
  categories: [],
  publicWelfare: false,
  ...extra,
});

const application = (id: string, extra: Partial<BallotApplication> = {}): BallotApplication => ({
  id,
  group: "regular",
  seniority: 0,
  newcomer: false,
  category: "fresh_produce",
  preferences: [],
  anyStall: true,
  ...extra,
});

async function inputs(
  stalls: BallotStall[],
  applications: BallotApplication[],
  extra: Partial<BallotInputs> = {},
): Promise<BallotInputs> {
  return JSON.parse(
    canonicalInputs({
      version: DRAW_VERSION,
      ballot: "test",
      commitment: await commitmentOf(SEED),
      newcomerShare: 0,
      categoryCaps: {},
      stalls,
      applications,
      ...extra,
    }),
  );
}

const placeOf = (places: Awaited<ReturnType<typeof draw>>) =>
  new Map(places.map((p) => [p.id, p.stall]));

describe("the draw, by example", () => {
  it("serves welfare on welfare stalls, farmers, then seniors, then newcomers", async () => {
    const places = await draw(
      await inputs(
        [stall("A-01", { publicWelfare: true }), stall("B-01"), stall("B-02"), stall("B-03")],
        [
          application("new", { newcomer: true }),
          application("old", { seniority: 9 }),
          application("older", { seniority: 20 }),
          application("farm", { group: "farmer" }),
          application("help", { group: "welfare", category: "public_welfare" }),
        ],
      ),
      SEED,
    );
    expect(places.map((p) => p.id)).toEqual(["help", "farm", "older", "old", "new"]);
    expect(places.map((p) => p.place)).toEqual([1, 2, 3, 4, 5]);
    const at = placeOf(places);
    expect(at.get("help")).toBe("A-01");
    expect(at.get("farm")).toBe("B-01");
    expect(at.get("older")).toBe("B-02");
    expect(at.get("old")).toBe("B-03");
    expect(at.get("new")).toBeNull();
  });

  it("keeps the newcomers' share from the seniors", async () => {
    const stalls = ["A-01", "A-02", "A-03", "A-04", "A-05"].map((c) => stall(c));
    const places = await draw(
      await inputs(
        stalls,
        [
          ...["s1", "s2", "s3", "s4", "s5"].map((id, i) => application(id, { seniority: 10 - i })),
          application("n1", { newcomer: true }),
          application("n2", { newcomer: true }),
        ],
        { newcomerShare: 0.2 },
      ),
      SEED,
    );
    const at = placeOf(places);
    expect(newcomerReserve(0.2, 5)).toBe(1);
    expect([...at.entries()].filter(([id, s]) => id.startsWith("n") && s)).toHaveLength(1);
    expect(at.get("s5")).toBeNull(); // the least senior waits
  });

  it("gives each their best free preference, rows by code, and 'any stall' last in a step", async () => {
    const places = await draw(
      await inputs(
        [stall("A-01"), stall("A-02"), stall("B-01"), stall("C-01", { categories: ["crafts"] })],
        [
          application("first", { seniority: 4, preferences: ["stall:A-02", "row:B"] }),
          application("second", { seniority: 2, preferences: ["stall:A-02", "row:A"] }),
          application("any", { seniority: 3, preferences: [] }),
          application("picky", { seniority: 1, preferences: ["stall:C-01"], anyStall: false }),
        ],
      ),
      SEED,
    );
    const at = placeOf(places);
    expect(at.get("first")).toBe("A-02");
    expect(at.get("second")).toBe("A-01");
    // Served before "second" but accepts any stall: takes what is left after the preferences.
    expect(at.get("any")).toBe("B-01");
    // C-01 is for crafts only, and "picky" takes nothing else.
    expect(at.get("picky")).toBeNull();
  });

  it("holds category caps", async () => {
    const places = await draw(
      await inputs(
        ["A-01", "A-02", "A-03"].map((c) => stall(c)),
        [
          application("f1", { seniority: 3 }),
          application("f2", { seniority: 2 }),
          application("c1", { seniority: 1, category: "crafts" }),
        ],
        { categoryCaps: { fresh_produce: 1 } },
      ),
      SEED,
    );
    const at = placeOf(places);
    expect(at.get("f1")).toBe("A-01");
    expect(at.get("f2")).toBeNull();
    expect(at.get("c1")).toBe("A-02");
  });
});

// Random ballots: stalls in rows, some for welfare or one category; applicants in every group.
const categories = ["fresh_produce", "crafts", "snacks"];
const ballotArbitrary = fc
  .record({
    stalls: fc.array(
      fc.record({
        row: fc.constantFrom("A", "B", "C"),
        welfare: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
        category: fc.option(fc.constantFrom(...categories), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    applications: fc.array(
      fc.record({
        group: fc.constantFrom(...GROUPS),
        seniority: fc.integer({ min: 0, max: 40 }),
        newcomer: fc.boolean(),
        category: fc.constantFrom(...categories),
        preferences: fc.array(
          fc.oneof(
            fc.integer({ min: 1, max: 30 }).map((n) => `stall:A-${String(n).padStart(2, "0")}`),
            fc.constantFrom("row:A", "row:B", "row:C"),
          ),
          { maxLength: 5 },
        ),
        anyStall: fc.boolean(),
      }),
      { maxLength: 60 },
    ),
    share: fc.constantFrom(0, 0.2, 0.5),
    cap: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  })
  .map(({ stalls, applications, share, cap }) => {
    const rows = new Map<string, number>();
    return {
      stalls: stalls.map((s) => {
        const n = (rows.get(s.row) ?? 0) + 1;
        rows.set(s.row, n);
        return stall(`${s.row}-${String(n).padStart(2, "0")}`, {
          publicWelfare: s.welfare,
          categories: s.category ? [s.category] : [],
        });
      }),
      applications: applications.map((a, i) =>
        application(`app-${String(i).padStart(3, "0")}`, {
          ...a,
          newcomer: a.group === "regular" && a.newcomer,
          seniority: a.newcomer ? 0 : a.seniority,
        }),
      ),
      share,
      caps: (cap === undefined ? {} : { snacks: cap }) as Record<string, number>,
    };
  });

describe("the draw, over random ballots", () => {
  it("places each at most once, each stall at most once, in a stall that fits, within caps", async () => {
    await fc.assert(
      fc.asyncProperty(
        ballotArbitrary,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        async (b, bytes) => {
          const seed = Buffer.from(bytes).toString("hex");
          const given = await inputs(b.stalls, b.applications, {
            newcomerShare: b.share,
            categoryCaps: b.caps,
          });
          const places = await draw(given, seed);
          expect(places.map((p) => p.id).sort()).toEqual(
            given.applications.map((a) => a.id).sort(),
          );
          const stalls = places.flatMap((p) => (p.stall ? [p.stall] : []));
          expect(new Set(stalls).size).toBe(stalls.length);
          const byCode = new Map(given.stalls.map((s) => [s.code, s]));
          const byId = new Map(given.applications.map((a) => [a.id, a]));
          const perCategory = new Map<string, number>();
          for (const p of places) {
            if (!p.stall) continue;
            const s = byCode.get(p.stall)!;
            const a = byId.get(p.id)!;
            expect(s.publicWelfare).toBe(a.group === "welfare");
            if (s.categories.length) expect(s.categories).toContain(a.category);
            perCategory.set(a.category, (perCategory.get(a.category) ?? 0) + 1);
          }
          for (const [category, cap] of Object.entries(b.caps))
            expect(perCategory.get(category) ?? 0).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("serves in order: no one waits while someone after them holds a stall they asked for", async () => {
    await fc.assert(
      fc.asyncProperty(ballotArbitrary, async (b) => {
        // Every stall fits everyone; no share is kept, so the order alone decides.
        const given = await inputs(
          b.stalls.map((s) => ({ ...s, categories: [], publicWelfare: false })),
          b.applications.map((a) => ({
            ...a,
            group: a.group === "welfare" ? ("regular" as const) : a.group,
          })),
          { newcomerShare: 0 },
        );
        const places = await draw(given, SEED);
        const byId = new Map(given.applications.map((a) => [a.id, a]));
        const row = (code: string) => code.split("-")[0];
        places.forEach((waiting, i) => {
          if (waiting.stall) return;
          const asked = byId.get(waiting.id)!.preferences;
          for (const later of places.slice(i + 1))
            if (later.stall) {
              expect(asked).not.toContain(`stall:${later.stall}`);
              expect(asked).not.toContain(`row:${row(later.stall)}`);
            }
        });
        // Every stall goes to someone when enough applied and all accept any stall.
        if (
          given.applications.length >= given.stalls.length &&
          given.applications.every((a) => a.anyStall)
        )
          expect(places.filter((p) => p.stall)).toHaveLength(given.stalls.length);
      }),
      { numRuns: 200 },
    );
  });

  it("meets the newcomers' share whenever enough newcomers applied", async () => {
    await fc.assert(
      fc.asyncProperty(ballotArbitrary, async (b) => {
        const given = await inputs(
          b.stalls.map((s) => ({ ...s, categories: [], publicWelfare: false })),
          b.applications.map((a) => ({ ...a, anyStall: true, group: "regular" as const })),
          { newcomerShare: b.share },
        );
        const places = await draw(given, SEED);
        const newcomers = new Set(given.applications.filter((a) => a.newcomer).map((a) => a.id));
        const placedNewcomers = places.filter((p) => p.stall && newcomers.has(p.id)).length;
        const reserve = newcomerReserve(b.share, given.stalls.length);
        expect(placedNewcomers).toBeGreaterThanOrEqual(Math.min(reserve, newcomers.size));
      }),
      { numRuns: 150 },
    );
  });
});

describe("fairness", () => {
  it("over 10,000 seeds, each of five equals is first about equally often (chi-square)", async () => {
    const given = await inputs(
      [stall("A-01")],
      ["p", "q", "r", "s", "t"].map((id) => application(id)),
    );
    // A fixed stream of seeds, so the test itself is repeatable.
    let state = 0x2545f491;
    const next = () => {
      state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      return state;
    };
    const firsts = new Map<string, number>();
    const RUNS = 10_000;
    for (let i = 0; i < RUNS; i++) {
      const seed = Array.from({ length: 8 }, () => next().toString(16).padStart(8, "0")).join("");
      const [first] = await draw(given, seed);
      firsts.set(first!.id, (firsts.get(first!.id) ?? 0) + 1);
    }
    const expected = RUNS / 5;
    const chi = [...firsts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(firsts.size).toBe(5);
    // 4 degrees of freedom: 13.28 is the 99th percentile.
    expect(chi).toBeLessThan(13.28);
  });
});

describe("verify", () => {
  async function results(): Promise<BallotResults> {
    const given = await inputs(
      ["A-01", "A-02", "B-01"].map((c) => stall(c)),
      ["x1", "x2", "x3", "x4"].map((id, i) => application(id, { seniority: i % 2 })),
    );
    return {
      inputs: given,
      inputsDigest: await inputsDigest(given),
      seed: SEED,
      places: await draw(given, SEED),
    };
  }
  const copy = (r: BallotResults): BallotResults => JSON.parse(JSON.stringify(r));

  it("accepts the results as drawn, and what was published", async () => {
    const r = await results();
    expect(await verify(r)).toEqual([]);
    expect(
      await verify(r, { commitment: r.inputs.commitment, inputsDigest: r.inputsDigest }),
    ).toEqual([]);
  });

  it("rejects an application added, removed or reordered, or another seed", async () => {
    const added = copy(await results());
    added.inputs.applications.push(application("x5"));
    expect(await verify(added)).toContain("digest");

    const removed = copy(await results());
    removed.inputs.applications.splice(1, 1);
    expect(await verify(removed)).toContain("digest");

    // Added with a digest made to match: the digest published at the close still differs.
    const forged = copy(await results());
    forged.inputs.applications.push(application("x5"));
    forged.inputsDigest = await inputsDigest(forged.inputs);
    forged.places = await draw(forged.inputs, forged.seed);
    const published = { inputsDigest: (await results()).inputsDigest };
    expect(await verify(forged, published)).toEqual(["digest"]);

    const reordered = copy(await results());
    reordered.inputs.applications.reverse();
    expect(await verify(reordered)).toContain("not-canonical");

    const swapped = copy(await results());
    [swapped.places[0]!.stall, swapped.places[1]!.stall] = [
      swapped.places[1]!.stall,
      swapped.places[0]!.stall,
    ];
    expect(await verify(swapped)).toEqual(["places"]);

    const reseeded = copy(await results());
    reseeded.seed = "6a".repeat(32);
    expect(await verify(reseeded)).toEqual(["commitment"]);
  });
});
