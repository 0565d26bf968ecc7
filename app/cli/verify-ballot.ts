// `npm run verify-ballot <results.json> [--commitment HEX] [--digest HEX]`: checks a ballot's
// published results on this machine, as the verifier page does in the browser. The commitment
// and the inputs digest, when given, are the ones published before the seed was revealed (on
// the ballot's page and in its audit trail). Exit status: 0 verified, 1 not, 2 unreadable.
import fs from "node:fs";
import { verify, type BallotResults, type VerifyProblem } from "~/domain/ballot-draw";

const EXPLAIN: Record<VerifyProblem, string> = {
  version: "the file is not a version-1 ballot results file / 不是第 1 版的摇号结果文件",
  "not-canonical":
    "the inputs are not in canonical order (applications by id, stalls by code) / 输入不是规范格式",
  digest:
    "the inputs differ from those frozen at the close (an application added, removed or changed) / 输入与截止时公布的不一致",
  commitment:
    "the seed does not match the commitment published at the opening / 种子与开始报名时公布的承诺值不符",
  places: "the places are not what the draw gives / 名次或摊位与重算结果不一致",
};

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const commitment = option("--commitment");
const digest = option("--digest");
const [file] = args;
if (!file) {
  console.error("usage: npm run verify-ballot <results.json> [--commitment HEX] [--digest HEX]");
  process.exit(2);
}

let results: BallotResults;
try {
  results = JSON.parse(fs.readFileSync(file === "-" ? 0 : file, "utf8"));
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const problems = await verify(results, { commitment, inputsDigest: digest }).catch(
  () => ["version"] as VerifyProblem[],
);
const { inputs } = results;
if (problems.length === 0) {
  const placed = results.places.filter((p) => p.stall).length;
  console.log(
    `VERIFIED ballot ${inputs.ballot}: ${inputs.applications.length} applications, ` +
      `${inputs.stalls.length} stalls, ${placed} placed; every place matches the draw.`,
  );
  console.log(`已核验：重算结果与公布结果一致。`);
  process.exit(0);
}
console.log(`NOT VERIFIED ballot ${inputs?.ballot ?? "?"}:`);
for (const problem of problems) console.log(`- ${EXPLAIN[problem]}`);
process.exit(1);
