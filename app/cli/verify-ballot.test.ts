// The command-line verifier, run as a person would: a results file in, a verdict and an exit
// status out.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { writeResultsFile } from "#db/testing/ballot-results";
import type { BallotResults } from "~/domain/ballot-draw";

const run = promisify(execFile);
const SEED = "a1".repeat(32);

const resultsFile = async (change?: (r: BallotResults) => void) =>
  (
    await writeResultsFile({
      seed: SEED,
      ballot: "spring-fair",
      stalls: ["A-01", "A-02"],
      applications: [{}, {}, { newcomer: true }],
      change,
    })
  ).file;

async function verdict(...args: string[]) {
  try {
    const { stdout } = await run("npx", ["tsx", "app/cli/verify-ballot.ts", ...args]);
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("npm run verify-ballot", () => {
  it("says VERIFIED and exits 0 for results as drawn, with the published values", async () => {
    const file = await resultsFile();
    const { inputs, inputsDigest: digest } = JSON.parse(fs.readFileSync(file, "utf8"));
    const { code, out } = await verdict(
      file,
      "--commitment",
      inputs.commitment,
      "--digest",
      digest,
    );
    expect(out).toContain("VERIFIED ballot spring-fair: 3 applications, 2 stalls, 2 placed");
    expect(code).toBe(0);
  });

  it("says what is wrong and exits 1 for changed results, 2 for a file it cannot read", async () => {
    const swapped = await resultsFile((r) => {
      r.places.reverse();
    });
    const bad = await verdict(swapped);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("the places are not what the draw gives");

    const reseeded = await resultsFile((r) => {
      r.seed = "b2".repeat(32);
    });
    expect((await verdict(reseeded)).out).toContain("does not match the commitment");

    const garbage = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ballot-")), "x.json");
    fs.writeFileSync(garbage, "{not json");
    expect((await verdict(garbage)).code).toBe(2);
    expect((await verdict(path.join(os.tmpdir(), "no-such-file.json"))).code).toBe(2);
  });
}, 60_000);
