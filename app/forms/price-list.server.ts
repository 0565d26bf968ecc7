// The form rules of app/routes/vendor.prices.tsx, on the server only: rows `item.N`, `unit.N`,
// `price.N` (yuan) and `origin.N`; a row without an item or a price is left out (that is how an
// entry is taken off the list).
import { parseYuan } from "~/domain/money";
import {
  duplicateItems,
  MAX_ITEM_CHARS,
  MAX_ORIGIN_CHARS,
  MAX_PRICE_ITEMS,
  PRICE_FORM_ROWS,
  PRICE_UNITS,
  type PriceEntry,
  type PriceUnit,
} from "~/domain/price-list";
import type { MessageKey } from "~/locales/zh-CN";

export type PriceFormErrors = Record<string, MessageKey>;

export function readPriceList(
  form: FormData,
): { ok: true; entries: PriceEntry[] } | { ok: false; errors: PriceFormErrors } {
  const entries: PriceEntry[] = [];
  const errors: PriceFormErrors = {};
  for (let n = 0; n < PRICE_FORM_ROWS; n++) {
    const text = (name: string) => String(form.get(`${name}.${n}`) ?? "").trim();
    const item = text("item").normalize("NFKC");
    const price = text("price").normalize("NFKC");
    const origin = text("origin").normalize("NFKC");
    if (!item && !price) continue;
    if (!item) errors[`item.${n}`] = "prices.error.item";
    else if ([...item].length > MAX_ITEM_CHARS) errors[`item.${n}`] = "prices.error.itemLong";
    const unit = text("unit") as PriceUnit;
    if (!PRICE_UNITS.includes(unit)) errors[`unit.${n}`] = "prices.error.unit";
    const fen = parseYuan(price);
    if (fen === null) errors[`price.${n}`] = "prices.error.price";
    if ([...origin].length > MAX_ORIGIN_CHARS) errors[`origin.${n}`] = "prices.error.origin";
    entries.push({ item, unit, priceFen: fen ?? 0, origin: origin || null });
  }
  if (entries.length > MAX_PRICE_ITEMS) errors.form = "prices.error.tooMany";
  else if (!Object.keys(errors).length && duplicateItems(entries).length)
    errors.form = "prices.error.duplicate";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, entries };
}
