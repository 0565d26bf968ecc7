// The ballot's draw: who gets which stall when more vendors apply than there are stalls. A pure,
// deterministic function of the published inputs and the revealed seed, so that anyone can run
// it again (in the browser on the verifier page, or `npm run verify-ballot`) and get the same
// result. docs/ballot-draw.md is its specification; keep the two in step.
//
// It uses only Web Crypto (SHA-256, HMAC-SHA-256), present in browsers and in Node.

export const DRAW_VERSION = 1;

/** Priority groups, served in this order. */
export const GROUPS = ["welfare", "farmer", "regular"] as const;
export type BallotGroup = (typeof GROUPS)[number];

export interface BallotStall {
  code: string;
  /** The row a preference "row:A" names. */
  row: string;
  /** What may be sold there; empty: anything. */
  categories: string[];
  /** Kept for public-welfare services: only the welfare group is placed there. */
  publicWelfare: boolean;
}

export interface BallotApplication {
  /** Public id: says nothing about the vendor. */
  id: string;
  group: BallotGroup;
  /** Sessions kept in the zone over the ballot's look-back, less no-shows and late cancellations. */
  seniority: number;
  /** Has never traded in the zone. */
  newcomer: boolean;
  /** The vendor's category. */
  category: string;
  /** Up to five, best first: "stall:A-04" or "row:B". */
  preferences: string[];
  /** Takes any stall that fits when no preference is free. */
  anyStall: boolean;
}

export interface BallotInputs {
  version: number;
  ballot: string;
  /** SHA-256 of the seed, published when applications opened. */
  commitment: string;
  /** Share of the non-welfare stalls kept for newcomers, 0–1. */
  newcomerShare: number;
  /** Most stalls one category may take. */
  categoryCaps: Record<string, number>;
  /** By code. */
  stalls: BallotStall[];
  /** By id: the canonical order. */
  applications: BallotApplication[];
}

export interface BallotPlace {
  id: string;
  /** 1 for the first served; every applicant has one. */
  place: number;
  stall: string | null;
}

export interface BallotResults {
  inputs: BallotInputs;
  /** SHA-256 of the canonical inputs, published when applications closed. */
  inputsDigest: string;
  /** 32 bytes as hex, revealed after the close. */
  seed: string;
  /** In draw order. */
  places: BallotPlace[];
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

function fromHex(text: string): Uint8Array<ArrayBuffer> {
  if (!/^([0-9a-f]{2})+$/.test(text)) throw new Error("not lowercase hex");
  return new Uint8Array(text.match(/../g)!.map((pair) => parseInt(pair, 16)));
}

/** Lowercase hex SHA-256 of the seed's 32 bytes: the commitment. */
export async function commitmentOf(seed: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", fromHex(seed)));
}

/** A fresh seed: 32 random bytes, hex. */
export function newSeed(): string {
  return hex(crypto.getRandomValues(new Uint8Array(32)).buffer);
}

/**
 * The canonical JSON of the inputs: keys in a fixed order, stalls by code, applications by id,
 * no spaces. Its SHA-256 is the inputs digest.
 */
export function canonicalInputs(inputs: BallotInputs): string {
  const byKey = <T>(list: T[], key: (t: T) => string) =>
    [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return JSON.stringify({
    version: inputs.version,
    ballot: inputs.ballot,
    commitment: inputs.commitment,
    newcomerShare: inputs.newcomerShare,
    categoryCaps: Object.fromEntries(
      byKey(Object.entries(inputs.categoryCaps), ([k]) => k).map(([k, v]) => [k, v]),
    ),
    stalls: byKey(inputs.stalls, (s) => s.code).map((s) => ({
      code: s.code,
      row: s.row,
      categories: [...s.categories].sort(),
      publicWelfare: s.publicWelfare,
    })),
    applications: byKey(inputs.applications, (a) => a.id).map((a) => ({
      id: a.id,
      group: a.group,
      seniority: a.seniority,
      newcomer: a.newcomer,
      category: a.category,
      preferences: a.preferences,
      anyStall: a.anyStall,
    })),
  });
}

export async function inputsDigest(inputs: BallotInputs): Promise<string> {
  return hex(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalInputs(inputs))),
  );
}

/** Each application's draw key: HMAC-SHA-256(seed, id), hex. Smaller goes first among equals. */
async function drawKeys(seed: string, ids: string[]): Promise<Map<string, string>> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromHex(seed),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const encoder = new TextEncoder();
  const macs = await Promise.all(
    ids.map((id) => crypto.subtle.sign("HMAC", key, encoder.encode(id))),
  );
  return new Map(ids.map((id, i) => [id, hex(macs[i]!)]));
}

/** Stalls kept for newcomers out of `open` left to the regular group: the share, rounded up. */
export function newcomerReserve(share: number, open: number): number {
  return Math.min(open, Math.ceil(share * open - 1e-9));
}

/**
 * The draw. Order: the welfare group (on the welfare stalls only), then farmers (rural zones),
 * then the regular group: those who have traded in the zone by seniority (most first), then
 * newcomers, with a share of the stalls kept for newcomers. Among equals, by draw key. Each
 * applicant in turn takes the best free preference that fits; those who accept any stall take,
 * after everyone in their step has chosen, the first free stall (by code) that fits.
 */
export async function draw(inputs: BallotInputs, seed: string): Promise<BallotPlace[]> {
  const keys = await drawKeys(
    seed,
    inputs.applications.map((a) => a.id),
  );
  const byKey = (a: BallotApplication, b: BallotApplication) =>
    keys.get(a.id)! < keys.get(b.id)! ? -1 : keys.get(a.id)! > keys.get(b.id)! ? 1 : 0;
  const stalls = [...inputs.stalls].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
  const free = new Set(stalls.map((s) => s.code));
  const stallByCode = new Map(stalls.map((s) => [s.code, s]));
  const taken = new Map<string, number>(); // category → stalls
  const placed = new Map<string, string | null>();

  const capped = (a: BallotApplication) =>
    a.category in inputs.categoryCaps &&
    (taken.get(a.category) ?? 0) >= inputs.categoryCaps[a.category]!;
  const fits = (a: BallotApplication, s: BallotStall) =>
    free.has(s.code) &&
    s.publicWelfare === (a.group === "welfare") &&
    (s.categories.length === 0 || s.categories.includes(a.category));
  const take = (a: BallotApplication, s: BallotStall) => {
    free.delete(s.code);
    taken.set(a.category, (taken.get(a.category) ?? 0) + 1);
    placed.set(a.id, s.code);
  };
  const preferred = (a: BallotApplication): BallotStall | undefined => {
    for (const preference of a.preferences) {
      if (preference.startsWith("stall:")) {
        const stall = stallByCode.get(preference.slice(6));
        if (stall && fits(a, stall)) return stall;
      } else if (preference.startsWith("row:")) {
        const row = preference.slice(4);
        const stall = stalls.find((s) => s.row === row && fits(a, s));
        if (stall) return stall;
      }
    }
    return undefined;
  };

  /** One step: preferences in order, then "any stall" in order; `limit` stalls at most. */
  const serve = (queue: BallotApplication[], limit = Infinity) => {
    let used = 0;
    for (const a of queue) {
      if (used >= limit) break;
      if (placed.get(a.id) || capped(a)) continue;
      const stall = preferred(a);
      if (stall) {
        take(a, stall);
        used += 1;
      }
    }
    for (const a of queue) {
      if (used >= limit) break;
      if (placed.get(a.id) || capped(a) || !a.anyStall) continue;
      const stall = stalls.find((s) => fits(a, s));
      if (stall) {
        take(a, stall);
        used += 1;
      }
    }
  };

  const inGroup = (group: BallotGroup) =>
    inputs.applications.filter((a) => a.group === group).sort(byKey);
  const welfare = inGroup("welfare");
  const farmers = inGroup("farmer");
  const regular = inGroup("regular");
  const seniors = regular
    .filter((a) => !a.newcomer)
    .sort((a, b) => b.seniority - a.seniority || byKey(a, b));
  const newcomers = regular.filter((a) => a.newcomer);

  serve(welfare);
  serve(farmers);
  // Of the stalls left to the regular group, a share waits for newcomers: seniors fill the
  // rest, newcomers take the share, and what is left goes to whoever still waits, seniors first.
  const left = stalls.filter((s) => !s.publicWelfare && free.has(s.code)).length;
  serve(seniors, left - newcomerReserve(inputs.newcomerShare, left));
  serve(newcomers);
  serve(seniors);

  const order = [...welfare, ...farmers, ...seniors, ...newcomers];
  return order.map((a, i) => ({ id: a.id, place: i + 1, stall: placed.get(a.id) ?? null }));
}

export type VerifyProblem = "version" | "not-canonical" | "digest" | "commitment" | "places";

/**
 * Checks a results file: the inputs are in canonical form and match the digest published at
 * the close, the seed matches the commitment published at the opening, and the places are what
 * the draw gives. Resolves to the problems found, none when it verifies.
 */
export async function verify(
  results: BallotResults,
  published: { commitment?: string; inputsDigest?: string } = {},
): Promise<VerifyProblem[]> {
  if (results.inputs?.version !== DRAW_VERSION) return ["version"];
  const problems: VerifyProblem[] = [];
  if (JSON.stringify(results.inputs) !== canonicalInputs(results.inputs))
    problems.push("not-canonical");
  const digest = await inputsDigest(results.inputs);
  if (digest !== results.inputsDigest || (published.inputsDigest ?? digest) !== digest)
    problems.push("digest");
  const commitment = /^[0-9a-f]{64}$/.test(results.seed) ? await commitmentOf(results.seed) : "";
  if (
    commitment !== results.inputs.commitment ||
    (published.commitment ?? commitment) !== commitment
  )
    return [...problems, "commitment"];
  const places = await draw(results.inputs, results.seed);
  if (JSON.stringify(places) !== JSON.stringify(results.places)) problems.push("places");
  return problems;
}
