// A ballot's published results, made as the server makes them, for tests of the verifiers
// (the command line, the browser page).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  canonicalInputs,
  commitmentOf,
  draw,
  DRAW_VERSION,
  inputsDigest,
  type BallotApplication,
  type BallotInputs,
  type BallotResults,
} from "../../app/domain/ballot-draw";

/** Regular applications for stalls of row A, drawn with `seed`, written to a temporary file. */
export async function writeResultsFile({
  seed,
  ballot,
  stalls,
  applications,
  change,
}: {
  seed: string;
  ballot: string;
  stalls: string[];
  applications: Partial<BallotApplication>[];
  /** Tampers with the results before they are written. */
  change?: (results: BallotResults) => void;
}): Promise<{ file: string; results: BallotResults }> {
  const inputs: BallotInputs = JSON.parse(
    canonicalInputs({
      version: DRAW_VERSION,
      ballot,
      commitment: await commitmentOf(seed),
      newcomerShare: 0.2,
      categoryCaps: {},
      stalls: stalls.map((code) => ({ code, row: "A", categories: [], publicWelfare: false })),
      applications: applications.map((a, i) => ({
        id: `p${i + 1}`,
        group: "regular",
        seniority: 0,
        newcomer: false,
        category: "snacks",
        preferences: [],
        anyStall: true,
        ...a,
      })),
    }),
  );
  const results: BallotResults = {
    inputs,
    inputsDigest: await inputsDigest(inputs),
    seed,
    places: await draw(inputs, seed),
  };
  change?.(results);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ballot-")), "results.json");
  fs.writeFileSync(file, JSON.stringify(results));
  return { file, results };
}
