// The market rules a vendor agrees to at sign-up. A new version means vendors are asked again.
export const MARKET_RULES_VERSION = "2026-11";

export const MARKET_RULES: Record<"zh-CN" | "en", string[]> = {
  "zh-CN": [
    "只在预约的摊位、预约的时段摆摊，按时到场、按时收摊。",
    "证件在有效期内；食品摊主持健康证上岗，熟食摊主持食品经营许可。",
    "明码标价、足斤足两，不卖假冒伪劣和过期商品。",
    "消防通道和过道不堆放货物；用电用火服从管理员安排。",
    "收摊时带走垃圾，保持摊位干净。",
    "尊重顾客、邻居和其他摊主，有问题找管理员。",
  ],
  en: [
    "Sell only at the stall and in the session you booked; arrive and pack up on time.",
    "Keep your papers valid; food sellers need a health certificate, cooked food a food business permit.",
    "Show prices clearly and give honest weight; no counterfeit or expired goods.",
    "Keep fire lanes and aisles clear; follow the manager's instructions on power and open flames.",
    "Take your rubbish with you and leave the stall clean.",
    "Respect customers, neighbours and other vendors; bring problems to the manager.",
  ],
};
