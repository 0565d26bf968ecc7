// What residents type into the search box, with the demo vendors each query should find:
// written by hand from the vendors' products (db/demo/people.ts), not from the search's
// answers. The search's recall and precision over these are printed by `npm run bench` and held
// by app/models/search-quality.server.test.ts.
export const SEARCH_QUERIES: readonly { q: string; expect: readonly string[] }[] = [
  // Tomatoes, by every name
  { q: "西红柿", expect: ["王桂兰旱地西红柿"] },
  { q: "番茄", expect: ["王桂兰旱地西红柿"] },
  { q: "洋柿子", expect: ["王桂兰旱地西红柿"] },
  { q: "tomato", expect: ["王桂兰旱地西红柿"] },
  { q: "fanqie", expect: ["王桂兰旱地西红柿"] },
  { q: "xihongshi", expect: ["王桂兰旱地西红柿"] },
  { q: "xhs", expect: ["王桂兰旱地西红柿"] },
  { q: "tomatos", expect: ["王桂兰旱地西红柿"] },
  // Potatoes
  { q: "土豆", expect: ["老陈家时令蔬菜"] },
  { q: "马铃薯", expect: ["老陈家时令蔬菜"] },
  { q: "洋芋", expect: ["老陈家时令蔬菜"] },
  { q: "山药蛋", expect: ["老陈家时令蔬菜"] },
  { q: "potato", expect: ["老陈家时令蔬菜"] },
  { q: "tudou", expect: ["老陈家时令蔬菜"] },
  // Corn and millet
  { q: "玉米", expect: ["太行山小米", "老孟烤串"] },
  { q: "玉茭", expect: ["太行山小米", "老孟烤串"] },
  { q: "苞谷", expect: ["太行山小米", "老孟烤串"] },
  { q: "corn", expect: ["太行山小米", "老孟烤串"] },
  { q: "yumi", expect: ["太行山小米", "老孟烤串"] },
  { q: "棒子面", expect: ["太行山小米"] },
  { q: "小米", expect: ["太行山小米"] },
  { q: "谷子", expect: ["太行山小米"] },
  { q: "millet", expect: ["太行山小米", "张婶炸油糕"] },
  { q: "绿豆", expect: ["太行山小米"] },
  { q: "红豆", expect: ["太行山小米"] },
  // Vegetables
  { q: "青椒", expect: ["王桂兰旱地西红柿"] },
  { q: "柿子椒", expect: ["王桂兰旱地西红柿"] },
  { q: "green pepper", expect: ["王桂兰旱地西红柿"] },
  { q: "黄瓜", expect: ["王桂兰旱地西红柿"] },
  { q: "青瓜", expect: ["王桂兰旱地西红柿"] },
  { q: "cucumber", expect: ["王桂兰旱地西红柿"] },
  { q: "白菜", expect: ["老陈家时令蔬菜"] },
  { q: "大白菜", expect: ["老陈家时令蔬菜"] },
  { q: "萝卜", expect: ["老陈家时令蔬菜"] },
  { q: "radish", expect: ["老陈家时令蔬菜"] },
  { q: "大蒜", expect: ["老陈家时令蔬菜"] },
  { q: "生姜", expect: ["老陈家时令蔬菜"] },
  { q: "garlic", expect: ["老陈家时令蔬菜"] },
  { q: "蔬菜", expect: ["老陈家时令蔬菜"] },
  // Nuts and spice
  { q: "核桃", expect: ["壶关核桃铺"] },
  { q: "胡桃", expect: ["壶关核桃铺"] },
  { q: "walnut", expect: ["壶关核桃铺"] },
  { q: "hetao", expect: ["壶关核桃铺"] },
  { q: "花椒", expect: ["壶关核桃铺"] },
  { q: "麻椒", expect: ["壶关核桃铺"] },
  // Eggs
  { q: "鸡蛋", expect: ["李大姐土鸡蛋"] },
  { q: "土鸡蛋", expect: ["李大姐土鸡蛋"] },
  { q: "柴鸡蛋", expect: ["李大姐土鸡蛋"] },
  { q: "鸭蛋", expect: ["李大姐土鸡蛋"] },
  { q: "eggs", expect: ["李大姐土鸡蛋"] },
  // Fruit
  { q: "苹果", expect: ["宋家鲜果"] },
  { q: "apple", expect: ["宋家鲜果"] },
  { q: "pingguo", expect: ["宋家鲜果"] },
  { q: "梨", expect: ["宋家鲜果"] },
  { q: "桃子", expect: ["宋家鲜果"] },
  { q: "葡萄", expect: ["宋家鲜果"] },
  { q: "提子", expect: ["宋家鲜果"] },
  { q: "水果", expect: ["宋家鲜果"] },
  // Mushrooms
  { q: "蘑菇", expect: ["杨家菌菇"] },
  { q: "香菇", expect: ["杨家菌菇"] },
  { q: "冬菇", expect: ["杨家菌菇"] },
  { q: "黑木耳", expect: ["杨家菌菇"] },
  { q: "mushroom", expect: ["杨家菌菇"] },
  { q: "mushrom", expect: ["杨家菌菇"] },
  // Tofu
  { q: "豆腐", expect: ["牛家豆腐坊"] },
  { q: "豆皮", expect: ["牛家豆腐坊"] },
  { q: "豆浆", expect: ["牛家豆腐坊"] },
  { q: "tofu", expect: ["牛家豆腐坊"] },
  { q: "doufu", expect: ["牛家豆腐坊"] },
  // Wild greens
  { q: "野菜", expect: ["赵大爷山野菜"] },
  { q: "婆婆丁", expect: ["赵大爷山野菜"] },
  { q: "荠菜", expect: ["赵大爷山野菜"] },
  // Meat
  { q: "猪肉", expect: ["韩记冷鲜肉"] },
  { q: "大肉", expect: ["韩记冷鲜肉"] },
  { q: "羊肉", expect: ["韩记冷鲜肉", "老孟烤串"] },
  { q: "pork", expect: ["韩记冷鲜肉"] },
  { q: "lamb", expect: ["韩记冷鲜肉", "申记壶关羊汤", "老孟烤串"] },
  { q: "驴肉", expect: ["上党腊驴肉"] },
  // Cooked food
  { q: "羊汤", expect: ["申记壶关羊汤"] },
  { q: "羊杂汤", expect: ["申记壶关羊汤"] },
  { q: "烧饼", expect: ["申记壶关羊汤", "上党腊驴肉"] },
  { q: "油糕", expect: ["张婶炸油糕"] },
  { q: "麻花", expect: ["张婶炸油糕"] },
  { q: "刀削面", expect: ["冯家刀削面"] },
  { q: "削面", expect: ["冯家刀削面"] },
  { q: "noodles", expect: ["冯家刀削面", "崔家碗托凉粉"] },
  { q: "凉粉", expect: ["崔家碗托凉粉"] },
  { q: "碗秃", expect: ["崔家碗托凉粉"] },
  { q: "煎饼", expect: ["小马煎饼果子"] },
  { q: "jianbing", expect: ["小马煎饼果子"] },
  { q: "烤串", expect: ["老孟烤串"] },
  { q: "烧烤", expect: ["老孟烤串"] },
  { q: "kebab", expect: ["老孟烤串"] },
  // Goods
  { q: "锅", expect: ["侯家百货"] },
  { q: "晾衣架", expect: ["侯家百货"] },
  { q: "袜子", expect: ["丽娟鞋袜帽"] },
  { q: "帽子", expect: ["丽娟鞋袜帽", "秦家布老虎"] },
  { q: "布鞋", expect: ["丽娟鞋袜帽", "原大娘千层底"] },
  { q: "鞋垫", expect: ["原大娘千层底"] },
  { q: "床单", expect: ["美玲床品"] },
  { q: "被子", expect: ["美玲床品"] },
  { q: "手机壳", expect: ["常浩手机配件"] },
  { q: "充电器", expect: ["常浩手机配件"] },
  { q: "充电线", expect: ["常浩手机配件"] },
  { q: "charger", expect: ["常浩手机配件"] },
  { q: "手机", expect: ["常浩手机配件", "郭磊手机维修"] },
  { q: "灯泡", expect: ["武记小五金"] },
  { q: "插排", expect: ["武记小五金"] },
  { q: "五金", expect: ["武记小五金"] },
  { q: "窗花", expect: ["晓丽剪纸文创"] },
  { q: "剪纸", expect: ["晓丽剪纸文创", "福馨剪纸课堂"] },
  { q: "明信片", expect: ["太行手绘"] },
  { q: "对联", expect: ["靳老师书法春联"] },
  { q: "春联", expect: ["靳老师书法春联"] },
  { q: "脸谱", expect: ["上党梆子脸谱"] },
  { q: "香囊", expect: ["长治堆锦", "秦家布老虎"] },
  { q: "篮子", expect: ["鲍师傅柳编"] },
  { q: "布老虎", expect: ["秦家布老虎"] },
  // Games
  { q: "套圈", expect: ["开心套圈"] },
  { q: "蹦床", expect: ["宁家儿童小火车"] },
  { q: "钓鱼", expect: ["小温钓鱼池"] },
  // Services
  { q: "修鞋", expect: ["吕师傅修鞋配钥匙"] },
  { q: "补鞋", expect: ["吕师傅修鞋配钥匙"] },
  { q: "配钥匙", expect: ["吕师傅修鞋配钥匙"] },
  { q: "磨刀", expect: ["潘师傅磨刀"] },
  { q: "磨剪子", expect: ["潘师傅磨刀"] },
  { q: "修手机", expect: ["郭磊手机维修"] },
  { q: "贴膜", expect: ["郭磊手机维修"] },
  { q: "理发", expect: ["任师傅理发"] },
  { q: "剪头", expect: ["任师傅理发"] },
  { q: "剃头", expect: ["任师傅理发"] },
  { q: "haircut", expect: ["任师傅理发"] },
  { q: "lifa", expect: ["任师傅理发"] },
  { q: "修家电", expect: ["城北志愿服务队·小家电义修"] },
  { q: "家电维修", expect: ["城北志愿服务队·小家电义修"] },
  { q: "电饭锅", expect: ["城北志愿服务队·小家电义修"] },
  { q: "看牙", expect: ["水塔社区口腔义诊"] },
  { q: "量血压", expect: ["龙泉镇卫生院健康咨询"] },
  { q: "血糖", expect: ["龙泉镇卫生院健康咨询"] },
  { q: "法律咨询", expect: ["法律援助咨询"] },
  { q: "律师", expect: ["法律援助咨询"] },
  {
    q: "公益志愿",
    expect: [
      "城北志愿服务队·小家电义修",
      "水塔社区口腔义诊",
      "福馨剪纸课堂",
      "龙泉镇卫生院健康咨询",
      "法律援助咨询",
    ],
  },
  // Nobody sells these: anything found is a false find.
  { q: "辣椒", expect: [] },
  { q: "西瓜", expect: [] },
  { q: "牛肉", expect: [] },
  { q: "饺子", expect: [] },
  { q: "草莓", expect: [] },
  { q: "红薯", expect: [] },
  { q: "sweet potato", expect: [] },
  { q: "花生", expect: [] },
  { q: "蜂蜜", expect: [] },
];

/** Recall and precision of a search over the queries: found ÷ expected, right ÷ found. */
export async function searchQuality(
  search: (q: string) => Promise<string[]>,
): Promise<{ queries: number; recall: number; precision: number; misses: string[] }> {
  let expected = 0;
  let found = 0;
  let right = 0;
  const misses: string[] = [];
  for (const { q, expect } of SEARCH_QUERIES) {
    const names = await search(q);
    const hits = names.filter((n) => expect.includes(n)).length;
    expected += expect.length;
    found += names.length;
    right += hits;
    if (hits < expect.length || names.length > hits)
      misses.push(`${q}: expected [${expect.join(", ")}], found [${names.join(", ")}]`);
  }
  return {
    queries: SEARCH_QUERIES.length,
    recall: expected ? right / expected : 1,
    precision: found ? right / found : 1,
    misses,
  };
}
