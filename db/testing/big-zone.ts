// A market far larger than any in the demo, for benchmarks: `rows` rows of `perRow` stalls
// (40 × 50 = 2,000 by default) with aisles between them, every day 06:00–09:00.
import type { Kysely } from "kysely";
import type { ZoneSpec } from "../demo/zones";
import type { Database } from "../schema";
import { seedZone } from "../seed";
import { inTransaction } from "../transaction";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function bigZoneSpec({
  slug = "bench-2000",
  rows = 40,
  perRow = 50,
  east = 3000,
  north = 3000,
}: {
  slug?: string;
  rows?: number;
  perRow?: number;
  east?: number;
  north?: number;
} = {}): ZoneSpec {
  const width = 2 + perRow * 3;
  return {
    slug,
    name_zh: `测试大集市 ${rows * perRow} 摊`,
    name_en: `Benchmark market, ${rows * perRow} stalls`,
    kind: "street",
    east,
    north,
    width,
    height: 2 + rows * 5,
    rotation: 0,
    address_zh: "测试用",
    address_en: "For benchmarks",
    description_zh: "基准测试生成的集市。",
    description_en: "A market generated for benchmarks.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: false,
      parking: false,
      extinguishers: 40,
    },
    sessions: [{ kind: "morning", weekdays: "1234567", start: "06:00", end: "09:00" }],
    rows: Array.from({ length: rows }, (_, r) => ({
      letter: r < 26 ? LETTERS[r]! : `${LETTERS[Math.floor(r / 26) - 1]}${LETTERS[r % 26]}`,
      count: perRow,
      x: 1,
      y: 1 + r * 5,
      width: 2.5,
      depth: 2,
      gap: 0.5,
      categories: [r % 2 ? "daily_goods" : "fresh_produce"],
      feeFen: 500,
    })),
  };
}

export async function createBigZone(
  db: Kysely<Database>,
  options?: Parameters<typeof bigZoneSpec>[0],
) {
  const spec = bigZoneSpec(options);
  await inTransaction(db, (trx) => seedZone(trx, spec));
  return spec.slug;
}
