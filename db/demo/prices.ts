// The demo's price lists (明码标价): the produce and cooked-food vendors' boards, written five
// weeks ago and changed since as prices moved, so the county's weekly medians have a history.
// Written straight into the table, relative to `now`, the same on every machine.
import type { Kysely } from "kysely";
import type { Database, PriceUnit } from "../schema";
import { savePriceList } from "../../app/models/price-list.server";

type Board = [item: string, unit: PriceUnit, yuan: number, origin: string | null][];

/** By the vendor's stall name: what they sell, at the prices of five weeks ago. */
const BOARDS: Record<string, Board> = {
  王桂兰旱地西红柿: [
    ["西红柿", "jin", 3.5, "壶关集店"],
    ["黄瓜", "jin", 2.5, "壶关集店"],
    ["青椒", "jin", 3, "壶关集店"],
  ],
  老陈家时令蔬菜: [
    ["白菜", "jin", 0.8, "长治郊区"],
    ["土豆", "jin", 1.5, "壶关"],
    ["白萝卜", "jin", 1, "壶关"],
    ["大葱", "jin", 2.5, "山东章丘"],
    ["西红柿", "jin", 3, "山东寿光"],
  ],
  太行山小米: [
    ["小米", "jin", 6, "壶关店上"],
    ["玉米面", "jin", 2.5, "壶关店上"],
    ["红豆", "jin", 7, null],
  ],
  壶关核桃铺: [
    ["核桃", "jin", 12, "壶关晋庄"],
    ["核桃仁", "jin", 30, "壶关晋庄"],
    ["花椒", "jin", 45, "壶关"],
  ],
  李大姐土鸡蛋: [
    ["土鸡蛋", "each", 1.2, "黄山乡散养"],
    ["鸭蛋", "each", 1.5, "黄山乡"],
  ],
  宋家鲜果: [
    ["苹果", "jin", 4, "长治沁源"],
    ["梨", "jin", 3.5, "长治"],
    ["葡萄", "kg", 12, null],
  ],
  杨家菌菇: [
    ["香菇", "jin", 8, "壶关树掌"],
    ["平菇", "jin", 5, "壶关树掌"],
    ["木耳", "bag", 25, "壶关树掌"],
  ],
  牛家豆腐坊: [
    ["卤水豆腐", "jin", 3, null],
    ["豆腐皮", "jin", 8, null],
    ["豆浆", "bag", 1.5, null],
  ],
  韩记冷鲜肉: [
    ["猪肉", "jin", 14, "壶关"],
    ["羊肉", "jin", 38, "壶关"],
  ],
  申记壶关羊汤: [
    ["羊汤", "portion", 15, null],
    ["烧饼", "each", 1.5, null],
  ],
  冯家刀削面: [
    ["刀削面", "portion", 10, null],
    ["臊子面", "portion", 12, null],
  ],
};

const DAY = 86_400_000;

/** Five weeks ago, three weeks ago and last week, prices moved a little: the history. */
const CHANGES: { daysAgo: number; factor: (n: number) => number }[] = [
  { daysAgo: 35, factor: () => 1 },
  { daysAgo: 21, factor: (n) => (n % 3 === 0 ? 1.1 : 1) },
  { daysAgo: 7, factor: (n) => (n % 2 === 0 ? 0.95 : 1.1) },
];

export async function seedPrices(db: Kysely<Database>, now: Date) {
  const any = await db.selectFrom("price_items").select("id").executeTakeFirst();
  if (any) return;
  const vendors = await db
    .selectFrom("vendors")
    .innerJoin("users", "users.id", "vendors.user_id")
    .select(["vendors.id", "users.display_name"])
    .where("users.display_name", "in", Object.keys(BOARDS))
    .orderBy("vendors.id")
    .execute();
  for (const [v, vendor] of vendors.entries()) {
    const board = BOARDS[vendor.display_name]!;
    // Saved as the vendor's phone would: only what changed is written anew.
    for (const [c, change] of CHANGES.entries())
      await savePriceList(
        db,
        {
          vendorId: vendor.id,
          entries: board.map(([item, unit, yuan, origin], position) => {
            const factor = CHANGES.slice(0, c + 1).reduce(
              (f, ch) => f * ch.factor(v + position),
              1,
            );
            // To the jiao, as a board is written.
            return { item, unit, priceFen: Math.round((yuan * 100 * factor) / 10) * 10, origin };
          }),
        },
        new Date(now.getTime() - change.daysAgo * DAY),
      );
  }
}
