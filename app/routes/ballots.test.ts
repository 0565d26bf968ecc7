// The public ballot pages against the demo: the finished Spring Festival ballot publishes
// results that verify; a ballot still open keeps its seed to itself.
import { describe, expect, it } from "vitest";
import { testContext } from "#db/testing/requests";
import { FINISHED_BALLOT, OPEN_BALLOT, seedOpenBallot } from "#db/demo/ballots";
import { verify, type BallotResults } from "~/domain/ballot-draw";
import { db } from "~/utils/db.server";
import { loader as ballotLoader } from "./ballots.$id";
import { loader as resultsLoader } from "./ballots.$id_.results[.]json";
import { loader as listLoader } from "./ballots._index";

const at = (path: string) => new Request(`https://jishi.example.org${path}`);

async function answer<T>(run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the demo's finished ballot", () => {
  it("publishes a results file that verifies against the commitment and digest on its page", async () => {
    const page = await ballotLoader({
      request: at(`/ballots/${FINISHED_BALLOT}`),
      params: { id: FINISHED_BALLOT },
      context: testContext,
    });
    expect(page.state).toBe("drawn");
    expect(page.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(page.places).toHaveLength(20);
    // 12 stalls and a welfare stall for 20 applications: some wait (the welfare stall, with no
    // welfare service applying, stays free for normal booking).
    const placed = page.places.filter((p) => p.stall).length;
    expect(placed).toBeGreaterThan(0);
    expect(placed).toBeLessThanOrEqual(12);
    expect(page.places.some((p) => !p.stall)).toBe(true);

    const response = await resultsLoader({
      request: at(`/ballots/${FINISHED_BALLOT}/results.json`),
      params: { id: FINISHED_BALLOT },
      context: testContext,
    });
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const results = (await response.json()) as BallotResults;
    expect(
      await verify(results, { commitment: page.commitment, inputsDigest: page.digest! }),
    ).toEqual([]);
    // The farmers selling their own produce at this rural market come before the others.
    expect(page.places[0]!.group).toBe("farmer");
  });
});

describe("a ballot still open", () => {
  it("shows its commitment but not its seed, and has no results file yet", async () => {
    await seedOpenBallot(db, new Date());
    const page = await ballotLoader({
      request: at(`/ballots/${OPEN_BALLOT}`),
      params: { id: OPEN_BALLOT },
      context: testContext,
    });
    expect(page.state).toBe("open");
    expect(page.seed).toBeNull();
    expect(JSON.stringify(page)).not.toMatch(/"seed":"[0-9a-f]/);
    const secret = await db
      .selectFrom("ballots")
      .select("seed")
      .where("public_id", "=", OPEN_BALLOT)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(page)).not.toContain(secret.seed);
    const results = await answer(() =>
      resultsLoader({
        request: at(`/ballots/${OPEN_BALLOT}/results.json`),
        params: { id: OPEN_BALLOT },
        context: testContext,
      }),
    );
    expect((results as Response).status).toBe(404);

    const list = await listLoader({ request: at("/ballots"), params: {}, context: testContext });
    expect(list.ballots.map((b) => [b.id, b.state])).toEqual(
      expect.arrayContaining([
        [OPEN_BALLOT, "open"],
        [FINISHED_BALLOT, "drawn"],
      ]),
    );
  });

  it("an unknown ballot is 404", async () => {
    const page = await answer(() =>
      ballotLoader({
        request: at("/ballots/b-nope"),
        params: { id: "b-nope" },
        context: testContext,
      }),
    );
    expect((page as Response).status).toBe(404);
  });
});
