// What people call the same produce, food, goods and services — in Huguan and Shanxi, in
// standard Chinese and in English. Each group is one thing; a search for any word in a group
// finds vendors who wrote any other. The first word is the name shown when a synonym matched.
// Kept as data: add a group or a word here, and app/domain/food-synonyms.test.ts checks it.
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Vegetables
  ["西红柿", "番茄", "洋柿子", "tomato", "tomatoes"],
  ["土豆", "马铃薯", "洋芋", "山药蛋", "山蛋", "potato", "potatoes"],
  ["玉米", "玉茭", "玉茭子", "棒子", "苞谷", "包谷", "苞米", "corn", "maize"],
  ["红薯", "地瓜", "红苕", "白薯", "番薯", "山芋", "sweet potato", "sweet potatoes"],
  ["辣椒", "海椒", "辣子", "尖椒", "chili", "chilli", "chilies", "chillies"],
  ["青椒", "柿子椒", "甜椒", "菜椒", "灯笼椒", "green pepper", "green peppers", "bell pepper"],
  ["黄瓜", "青瓜", "胡瓜", "cucumber", "cucumbers"],
  ["茄子", "落苏", "矮瓜", "eggplant", "aubergine"],
  ["白菜", "大白菜", "黄芽白", "结球白菜", "chinese cabbage", "napa cabbage"],
  ["卷心菜", "包菜", "圆白菜", "洋白菜", "莲花白", "甘蓝", "cabbage"],
  ["萝卜", "白萝卜", "菜头", "radish", "radishes", "daikon"],
  ["胡萝卜", "红萝卜", "黄萝卜", "carrot", "carrots"],
  ["葱", "大葱", "小葱", "香葱", "spring onion", "spring onions", "scallion", "scallions"],
  ["洋葱", "葱头", "圆葱", "onion", "onions"],
  ["蒜", "大蒜", "蒜头", "garlic"],
  ["姜", "生姜", "老姜", "ginger"],
  ["香菜", "芫荽", "胡荽", "coriander", "cilantro"],
  ["菠菜", "菠薐菜", "赤根菜", "spinach"],
  ["芹菜", "旱芹", "药芹", "celery"],
  ["韭菜", "起阳草", "chives", "garlic chives"],
  ["南瓜", "倭瓜", "番瓜", "北瓜", "pumpkin", "pumpkins", "squash"],
  ["西葫芦", "茭瓜", "角瓜", "zucchini", "courgette"],
  ["豆角", "四季豆", "芸豆", "菜豆", "green beans", "string beans"],
  ["豇豆", "长豆角", "豆角子", "cowpea", "yardlong bean"],
  ["山药", "淮山", "薯蓣", "chinese yam", "yam"],
  ["莲藕", "藕", "莲菜", "lotus root"],
  ["蘑菇", "菌菇", "菇", "mushroom", "mushrooms"],
  ["香菇", "冬菇", "花菇", "shiitake"],
  ["平菇", "侧耳", "oyster mushroom", "oyster mushrooms"],
  ["木耳", "黑木耳", "云耳", "wood ear", "black fungus"],
  ["荠菜", "地菜", "护生草", "shepherd's purse"],
  ["蒲公英", "婆婆丁", "黄花地丁", "dandelion", "dandelions"],
  ["苦菜", "苦苣菜", "败酱草", "sow thistle"],
  ["野菜", "山野菜", "山菜", "wild greens", "wild vegetables"],
  ["豆芽", "豆芽菜", "绿豆芽", "黄豆芽", "bean sprouts"],
  // Grains, beans, nuts
  ["小米", "谷子", "粟米", "黄小米", "foxtail millet"],
  ["黄米", "黍子", "糜子", "软米", "glutinous millet", "broomcorn millet"],
  ["玉米面", "玉茭面", "棒子面", "苞谷面", "cornmeal", "corn flour"],
  ["荞麦", "荞面", "甜荞", "buckwheat"],
  ["莜面", "莜麦", "燕麦面", "oat flour", "naked oats"],
  ["面粉", "白面", "麦面", "flour", "wheat flour"],
  ["绿豆", "青小豆", "mung bean", "mung beans"],
  ["红豆", "赤豆", "赤小豆", "红小豆", "red bean", "red beans", "adzuki"],
  ["黄豆", "大豆", "soybean", "soybeans", "soya"],
  ["花生", "落花生", "长生果", "peanut", "peanuts", "groundnut"],
  ["核桃", "胡桃", "核桃仁", "walnut", "walnuts"],
  ["花椒", "川椒", "蜀椒", "麻椒", "sichuan pepper", "sichuan peppercorn"],
  ["红枣", "大枣", "枣", "枣儿", "jujube", "jujubes", "red dates"],
  ["葵花籽", "瓜子", "葵花子", "sunflower seeds"],
  // Fruit
  ["水果", "鲜果", "fruit", "fruits"],
  ["苹果", "平果", "apple", "apples"],
  ["梨", "梨子", "酥梨", "pear", "pears"],
  ["桃", "桃子", "毛桃", "peach", "peaches"],
  ["葡萄", "提子", "grape", "grapes"],
  ["西瓜", "寒瓜", "watermelon", "watermelons"],
  ["甜瓜", "香瓜", "哈密瓜", "melon", "melons"],
  ["杏", "杏子", "杏儿", "apricot", "apricots"],
  ["柿饼", "柿子饼", "dried persimmon"],
  ["山楂", "山里红", "红果", "hawthorn", "haw"],
  ["草莓", "洋莓", "士多啤梨", "strawberry", "strawberries"],
  // Eggs, meat, dairy, tofu
  ["鸡蛋", "土鸡蛋", "柴鸡蛋", "笨鸡蛋", "草鸡蛋", "egg", "eggs", "hen eggs"],
  ["鸭蛋", "咸鸭蛋", "duck egg", "duck eggs"],
  ["猪肉", "大肉", "pork"],
  ["羊肉", "lamb", "mutton"],
  ["牛肉", "beef"],
  ["鸡肉", "土鸡", "柴鸡", "笨鸡", "chicken"],
  ["驴肉", "腊驴肉", "donkey meat"],
  ["豆腐", "水豆腐", "卤水豆腐", "老豆腐", "tofu", "bean curd"],
  ["豆腐皮", "豆皮", "千张", "百叶", "tofu skin"],
  ["豆浆", "豆奶", "soy milk", "soymilk"],
  ["蜂蜜", "土蜂蜜", "槐花蜜", "honey"],
  // Cooked food and snacks
  ["烧饼", "火烧", "饼子", "炉饼", "baked flatbread", "flatbread"],
  ["油糕", "炸油糕", "黄米油糕", "fried millet cake", "fried millet cakes"],
  ["麻花", "麻糖", "dough twist", "dough twists"],
  ["刀削面", "削面", "knife-cut noodles"],
  ["凉粉", "凉皮", "碗托", "碗秃", "cold jelly noodles", "wantuo"],
  ["煎饼", "煎饼果子", "jianbing", "crepe", "crepes"],
  ["烤串", "串儿", "羊肉串", "烧烤", "skewers", "kebab", "kebabs", "barbecue"],
  ["羊汤", "羊杂汤", "羊杂割", "lamb soup", "mutton soup"],
  ["包子", "馒头", "蒸馍", "馍", "steamed buns", "buns", "baozi"],
  ["饺子", "扁食", "水饺", "dumplings", "jiaozi"],
  // Goods
  ["手机壳", "保护壳", "手机套", "phone case", "phone cases"],
  ["充电器", "充电头", "charger", "chargers"],
  ["数据线", "充电线", "cable", "cables", "charging cable"],
  ["插线板", "插排", "插座", "接线板", "power strip", "power strips"],
  ["灯泡", "电灯泡", "light bulb", "light bulbs"],
  ["袜子", "袜", "socks"],
  ["布鞋", "千层底", "手工布鞋", "cloth shoes"],
  ["鞋垫", "手纳鞋垫", "insoles"],
  ["帽子", "遮阳帽", "太阳帽", "hat", "hats", "sun hat"],
  ["床单", "被单", "褥单", "sheets", "bed sheets"],
  ["被子", "棉被", "被褥", "quilt", "quilts"],
  ["枕套", "枕头套", "枕巾", "pillowcase", "pillowcases"],
  ["锅", "锅碗瓢盆", "炊具", "pots", "cookware"],
  ["衣架", "晾衣架", "撑子", "clothes hangers", "hangers"],
  ["筐", "篮子", "柳条筐", "竹篮", "basket", "baskets"],
  ["春联", "对联", "对子", "门联", "couplets", "spring couplets"],
  ["窗花", "剪纸", "papercut", "papercuts", "paper cutting"],
  ["香包", "香囊", "荷包", "sachet", "sachets"],
  ["明信片", "postcard", "postcards"],
  // Services
  ["理发", "剪头", "剪头发", "推头", "剃头", "haircut", "haircuts", "barber"],
  ["修鞋", "补鞋", "钉鞋", "shoe repair"],
  ["配钥匙", "配匙", "打钥匙", "key cutting", "keys"],
  ["磨刀", "磨剪子", "戗菜刀", "抢菜刀", "knife sharpening", "sharpening"],
  [
    "修家电",
    "家电维修",
    "修电器",
    "电器维修",
    "小家电义修",
    "appliance repair",
    "repair appliances",
  ],
  ["修手机", "手机维修", "换屏", "换电池", "phone repair"],
  ["贴膜", "手机贴膜", "钢化膜", "screen protector", "screen protectors"],
  ["量血压", "测血压", "血压", "blood pressure"],
  ["测血糖", "血糖", "blood sugar"],
  ["法律咨询", "法律援助", "律师", "legal advice", "lawyer"],
  ["口腔检查", "看牙", "牙科", "dental check-up", "dentist"],
  ["套圈", "扔圈", "ring toss"],
  ["钓鱼", "捞金鱼", "钓金鱼", "fishing", "goldfish"],
];

/**
 * English words compared without case, extra spaces or a plural ending: "tomatoes" and
 * "tomato", "peaches" and "peach", "apples" and "apple" (not "appl"). Each word of a phrase.
 */
export function normalizeWord(word: string): string {
  const w = word.normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ");
  if (!/^[a-z' -]+$/.test(w)) return w;
  return w
    .split(" ")
    .map((part) =>
      part.length <= 3
        ? part
        : /(s|x|z|ch|sh|o)es$/.test(part)
          ? part.slice(0, -2)
          : /[^s]s$/.test(part)
            ? part.slice(0, -1)
            : part,
    )
    .join(" ");
}

const GROUP_OF = new Map<string, number>();
SYNONYM_GROUPS.forEach((group, index) => {
  for (const word of group) {
    const key = normalizeWord(word);
    if (!GROUP_OF.has(key)) GROUP_OF.set(key, index);
  }
});

/** The group a word belongs to (all its names), or undefined. */
export function synonymGroup(word: string): readonly string[] | undefined {
  const index = GROUP_OF.get(normalizeWord(word));
  return index === undefined ? undefined : SYNONYM_GROUPS[index];
}
