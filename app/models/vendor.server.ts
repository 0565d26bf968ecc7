import type { Kysely } from "kysely";
import type { Database, VendorStatus } from "#db/schema";

export async function getVendorForUser(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("vendors")
    .innerJoin("categories", "categories.slug", "vendors.category_slug")
    .select([
      "vendors.id",
      "vendors.status",
      "vendors.products",
      "vendors.products_en",
      "categories.name_zh as category_zh",
      "categories.name_en as category_en",
    ])
    .where("vendors.user_id", "=", userId)
    .executeTakeFirst();
}

export async function countVendorsByStatus(
  db: Kysely<Database>,
): Promise<Record<VendorStatus, number>> {
  const rows = await db
    .selectFrom("vendors")
    .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const counts: Record<VendorStatus, number> = {
    pending: 0,
    approved: 0,
    changes_requested: 0,
    rejected: 0,
    suspended: 0,
  };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
