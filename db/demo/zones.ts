// Huguan County's demo markets. Places are real towns and communities of the county; the
// exact market areas are illustrative, laid out around the county seat (36.11 N, 113.21 E).
// Each zone is drawn on a local metre grid from its south-west corner and may be turned to
// follow its street; rows of stalls face each other across aisles, with a fire lane between.
import type { SessionKind, ZoneKind } from "../schema";

export const COUNTY_SEAT: [number, number] = [113.21, 36.11];

export interface RowSpec {
  letter: string;
  /** Lower-left corner of the first stall on the zone's grid, metres. */
  x: number;
  y: number;
  count: number;
  width: number;
  depth: number;
  gap: number;
  categories: string[];
  feeFen: number;
  power?: boolean;
  water?: boolean;
  publicWelfare?: boolean;
}

export interface ZoneSpec {
  slug: string;
  name_zh: string;
  name_en: string;
  kind: ZoneKind;
  /** Metres east and north of the county seat to the zone's south-west corner. */
  east: number;
  north: number;
  width: number;
  height: number;
  rotation: number;
  address_zh: string;
  address_en: string;
  description_zh: string;
  description_en: string;
  facilities: {
    water: boolean;
    power: boolean;
    toilets: boolean;
    coldStorage: boolean;
    parking: boolean;
    extinguishers: number;
  };
  sessions: { kind: SessionKind; weekdays: string; start: string; end: string }[];
  rows: RowSpec[];
}

const PRODUCE = ["fresh_produce"];
const FOOD = ["cooked_food"];

export const zoneSpecs: ZoneSpec[] = [
  {
    slug: "fuxin-community",
    name_zh: "福馨社区便民市场",
    name_en: "Fuxin Community Market",
    kind: "community",
    east: 650,
    north: -420,
    width: 64,
    height: 28,
    rotation: 0,
    address_zh: "壶关县龙泉镇福馨社区南门广场",
    address_en: "South gate square, Fuxin Community, Longquan Town, Huguan County",
    description_zh:
      "福馨社区是易地搬迁安置社区。便民市场每天清早开市，周末傍晚加开晚市，社区也常在这里办招聘会和便民服务。",
    description_en:
      "Fuxin is a resettlement community. Its market opens every morning and on weekend evenings; the community also holds job fairs and service days here.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: false,
      parking: false,
      extinguishers: 6,
    },
    sessions: [
      { kind: "morning", weekdays: "1234567", start: "06:00", end: "09:00" },
      { kind: "evening", weekdays: "567", start: "17:30", end: "20:30" },
    ],
    rows: [
      {
        letter: "A",
        x: 4,
        y: 2,
        count: 16,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: PRODUCE,
        feeFen: 500,
        water: true,
      },
      {
        letter: "B",
        x: 4,
        y: 7.5,
        count: 16,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: [...PRODUCE, "daily_goods"],
        feeFen: 500,
      },
      {
        letter: "C",
        x: 4,
        y: 16,
        count: 12,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: FOOD,
        feeFen: 1000,
        power: true,
        water: true,
      },
      {
        letter: "D",
        x: 4,
        y: 21.5,
        count: 12,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["daily_goods", "crafts", "cultural_creative", "repairs_services"],
        feeFen: 600,
        power: true,
      },
      {
        letter: "W",
        x: 46,
        y: 21.5,
        count: 2,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["public_welfare"],
        feeFen: 0,
        power: true,
        publicWelfare: true,
      },
    ],
  },
  {
    slug: "shuita-community",
    name_zh: "水塔社区早晚市",
    name_en: "Shuita Community Morning & Evening Market",
    kind: "community",
    east: -320,
    north: 240,
    width: 48,
    height: 22,
    rotation: 12,
    address_zh: "壶关县龙泉镇水塔社区水塔广场东侧",
    address_en: "East side of Water Tower Square, Shuita Community, Longquan Town, Huguan County",
    description_zh: "老城区的老集市，早上买菜，晚上吃小吃。社区卫生服务站每周在这里摆口腔义诊摊。",
    description_en:
      "An old-town market: vegetables in the morning, snacks in the evening. The community clinic holds free dental checks here every week.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: false,
      parking: false,
      extinguishers: 4,
    },
    sessions: [
      { kind: "morning", weekdays: "1234567", start: "06:00", end: "08:30" },
      { kind: "evening", weekdays: "1234567", start: "18:00", end: "21:00" },
    ],
    rows: [
      {
        letter: "A",
        x: 3,
        y: 2,
        count: 12,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: PRODUCE,
        feeFen: 500,
        water: true,
      },
      {
        letter: "B",
        x: 3,
        y: 7.5,
        count: 12,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: [...PRODUCE, "daily_goods"],
        feeFen: 500,
      },
      {
        letter: "C",
        x: 3,
        y: 14.5,
        count: 10,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: FOOD,
        feeFen: 1000,
        power: true,
        water: true,
      },
      {
        letter: "W",
        x: 38,
        y: 14.5,
        count: 2,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["public_welfare"],
        feeFen: 0,
        power: true,
        publicWelfare: true,
      },
    ],
  },
  {
    slug: "chengbei-civilisation",
    name_zh: "城北社区文明实践集市",
    name_en: "Chengbei Community Civilisation Market",
    kind: "community",
    east: 120,
    north: 1300,
    width: 42,
    height: 24,
    rotation: -8,
    address_zh: "壶关县龙泉镇城北社区新时代文明实践站门前",
    address_en:
      "In front of the civilisation practice centre, Chengbei Community, Longquan Town, Huguan County",
    description_zh:
      "“文明实践‘集’我所需”：志愿者免费修小家电、义诊、剪纸教学，旁边是手工艺和文创摊位。每周六上午和周三傍晚开集。",
    description_en:
      "Volunteers repair small appliances for free, give health checks and teach papercutting, beside craft and cultural stalls. Saturday mornings and Wednesday evenings.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: false,
      parking: true,
      extinguishers: 4,
    },
    sessions: [
      { kind: "daytime", weekdays: "6", start: "08:30", end: "11:30" },
      { kind: "evening", weekdays: "3", start: "18:00", end: "20:30" },
    ],
    rows: [
      {
        letter: "W",
        x: 1.5,
        y: 2,
        count: 8,
        width: 4,
        depth: 3,
        gap: 1,
        categories: ["public_welfare"],
        feeFen: 0,
        power: true,
        publicWelfare: true,
      },
      {
        letter: "A",
        x: 3,
        y: 8,
        count: 10,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["cultural_creative", "crafts"],
        feeFen: 500,
        power: true,
      },
      {
        letter: "B",
        x: 3,
        y: 15,
        count: 10,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: [...PRODUCE, "daily_goods"],
        feeFen: 500,
      },
      {
        letter: "C",
        x: 3,
        y: 20.5,
        count: 10,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["repairs_services", "daily_goods", "cooked_food"],
        feeFen: 600,
        power: true,
      },
    ],
  },
  {
    slug: "longquan-park-evening",
    name_zh: "龙泉公园晚市",
    name_en: "Longquan Park Evening Market",
    kind: "park",
    east: -950,
    north: -260,
    width: 84,
    height: 36,
    rotation: 0,
    address_zh: "壶关县龙泉公园北门内广场",
    address_en: "Square inside the north gate, Longquan Park, Huguan County",
    description_zh: "傍晚散步顺便逛：文创、手工艺、小吃，还有孩子们喜欢的游乐摊位。",
    description_en:
      "Come for an evening walk: cultural and craft stalls, snacks, and games the children love.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: false,
      parking: true,
      extinguishers: 8,
    },
    sessions: [{ kind: "evening", weekdays: "1234567", start: "18:00", end: "21:30" }],
    rows: [
      {
        letter: "A",
        x: 6,
        y: 2,
        count: 20,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["cultural_creative", "crafts"],
        feeFen: 800,
        power: true,
      },
      {
        letter: "B",
        x: 6,
        y: 7.5,
        count: 20,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: FOOD,
        feeFen: 1200,
        power: true,
        water: true,
      },
      {
        letter: "C",
        x: 6,
        y: 16,
        count: 14,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["daily_goods", ...PRODUCE],
        feeFen: 600,
      },
      {
        letter: "D",
        x: 6,
        y: 21.5,
        count: 14,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["daily_goods", "repairs_services", "cultural_creative"],
        feeFen: 600,
        power: true,
      },
      {
        letter: "G",
        x: 10,
        y: 27.5,
        count: 8,
        width: 6,
        depth: 5,
        gap: 2,
        categories: ["games_rides"],
        feeFen: 1500,
        power: true,
      },
    ],
  },
  {
    slug: "taihang-street-night",
    name_zh: "太行街夜市",
    name_en: "Taihang Street Night Market",
    kind: "night",
    east: 230,
    north: -120,
    width: 150,
    height: 14,
    rotation: 84,
    address_zh: "壶关县太行街（步行段），夜市期间禁止车辆通行",
    address_en: "Taihang Street (pedestrian section); closed to traffic during the market",
    description_zh:
      "县城最热闹的夜市：烤串、驴肉火烧、油糕，街心留出消防通道。周四到周日晚上开市。",
    description_en:
      "The liveliest night market in town: skewers, donkey-meat flatbread, fried cakes, with a fire lane kept clear down the middle. Thursday to Sunday nights.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: false,
      parking: false,
      extinguishers: 12,
    },
    sessions: [{ kind: "night", weekdays: "4567", start: "19:00", end: "23:00" }],
    rows: [
      {
        letter: "A",
        x: 8,
        y: 1,
        count: 38,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: FOOD,
        feeFen: 1500,
        power: true,
        water: true,
      },
      {
        letter: "B",
        x: 8,
        y: 10.5,
        count: 38,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: ["daily_goods", "cultural_creative", "crafts", "games_rides"],
        feeFen: 1000,
        power: true,
      },
    ],
  },
  {
    slug: "chengdong-street-morning",
    name_zh: "城东街早市",
    name_en: "Chengdong Street Morning Market",
    kind: "street",
    east: -180,
    north: 720,
    width: 96,
    height: 12,
    rotation: -20,
    address_zh: "壶关县城东街（东关路口至粮站段）",
    address_en: "Chengdong Street, from the Dongguan junction to the old grain station",
    description_zh: "天不亮就热闹起来的马路早市，附近村里的菜农直接来卖，八点半前收摊。",
    description_en:
      "A street market busy before dawn, where growers from nearby villages sell directly; packed away by 8:30.",
    facilities: {
      water: false,
      power: false,
      toilets: true,
      coldStorage: false,
      parking: false,
      extinguishers: 4,
    },
    sessions: [{ kind: "morning", weekdays: "1234567", start: "05:30", end: "08:30" }],
    rows: [
      {
        letter: "A",
        x: 6,
        y: 1,
        count: 24,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: PRODUCE,
        feeFen: 300,
      },
      {
        letter: "B",
        x: 6,
        y: 8.5,
        count: 24,
        width: 3,
        depth: 2.5,
        gap: 0.5,
        categories: [...PRODUCE, "daily_goods", "repairs_services"],
        feeFen: 300,
      },
    ],
  },
  {
    slug: "jidian-rural-produce",
    name_zh: "集店乡农产品集市",
    name_en: "Jidian Township Farm Produce Market",
    kind: "rural",
    east: 5200,
    north: -2800,
    width: 72,
    height: 40,
    rotation: 0,
    address_zh: "壶关县集店乡集店村村委会东侧空地",
    address_en: "Open ground east of the village committee, Jidian Village, Jidian Township",
    description_zh:
      "周二、周五、周日逢集。旱地西红柿、小米、核桃从地头直接到餐桌；有冷藏库，可以帮菜农暂存、对接电商收购。",
    description_en:
      "Market days Tuesday, Friday and Sunday. Dryland tomatoes, millet and walnuts go straight from the field to the table; a cold store keeps produce fresh and links growers to online buyers.",
    facilities: {
      water: true,
      power: true,
      toilets: true,
      coldStorage: true,
      parking: true,
      extinguishers: 6,
    },
    sessions: [{ kind: "morning", weekdays: "257", start: "06:30", end: "11:00" }],
    rows: [
      {
        letter: "A",
        x: 4,
        y: 3,
        count: 13,
        width: 4,
        depth: 3,
        gap: 1,
        categories: PRODUCE,
        feeFen: 300,
        water: true,
      },
      {
        letter: "B",
        x: 4,
        y: 10,
        count: 13,
        width: 4,
        depth: 3,
        gap: 1,
        categories: PRODUCE,
        feeFen: 300,
      },
      {
        letter: "C",
        x: 4,
        y: 19,
        count: 13,
        width: 4,
        depth: 3,
        gap: 1,
        categories: PRODUCE,
        feeFen: 300,
        power: true,
      },
      {
        letter: "D",
        x: 4,
        y: 26,
        count: 10,
        width: 4,
        depth: 3,
        gap: 1,
        categories: ["daily_goods", "repairs_services", "cooked_food"],
        feeFen: 300,
        power: true,
      },
    ],
  },
];
