// A few weeks of running the demo markets: problem reports residents sent and how they were
// answered, and the managers' safety inspections. Placed relative to today, like the regulars.
import type { ReportCategory } from "../schema";

export const demoReports: {
  daysAgo: number;
  category: ReportCategory;
  description: string;
  /** Hours to the answer; null while it is being worked on. */
  tookHours: number | null;
  reply: string | null;
}[] = [
  {
    daysAgo: 12,
    category: "hygiene",
    description: "散市后东头的菜叶和塑料袋没人清扫。",
    tookHours: 20,
    reply: "已和环卫约定每场散市后半小时内清扫，谢谢提醒。",
  },
  {
    daysAgo: 6,
    category: "prices_weights",
    description: "买了两斤西红柿，回家称只有一斤七两。",
    tookHours: 30,
    reply: "已核查该摊位的秤并重新校准，摊主已退还差价。",
  },
  {
    daysAgo: 1,
    category: "blocked_passage",
    description: "有三轮车停在入口，推婴儿车过不去。",
    tookHours: null,
    reply: null,
  },
];

export const demoInspections: { daysAgo: number; hygiene: "ok" | "issue"; findings: string }[] = [
  {
    daysAgo: 25,
    hygiene: "issue",
    findings: "垃圾桶不够，散市后有堆放。已要求加设两个分类垃圾桶。",
  },
  { daysAgo: 4, hygiene: "ok", findings: "灭火器在有效期内，消防通道畅通，垃圾桶已补齐。" },
];
