// A vendor's price list (明码标价), kept up to date from the phone: item, unit, price in yuan and
// where it comes from. Saved as a whole; what changed is kept with its time, and the list shows
// on the vendor's page and on the card of every stall they are booked at.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/form-field";
import { PriceTable } from "~/components/price-table";
import { MAX_PRICE_ITEMS, PRICE_FORM_ROWS, PRICE_UNITS } from "~/domain/price-list";
import { readPriceList } from "~/forms/price-list.server";
import type { MessageKey } from "~/locales/zh-CN";
import { currentPriceList, priceHistory, savePriceList } from "~/models/price-list.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readFormData } from "~/utils/form.server";
import { DEFAULT_TIME_ZONE } from "~/domain/market-hours";
import { formatInstant, formatMoney, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("prices.title")]);

/** Blank rows offered under the list for new items. */
const BLANK_ROWS = 3;

export async function loader({ request }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request, { counter: true });
  const locale = await getLocale(request);
  const [list, history] = await Promise.all([
    currentPriceList(db, vendor.id),
    priceHistory(db, vendor.id),
  ]);
  return {
    locale,
    vendorId: vendor.id,
    list: list.map((e) => ({ ...e, price: (e.priceFen / 100).toFixed(2).replace(/\.00$/, "") })),
    history: history.map((h) => ({
      id: h.id,
      item: h.item,
      unit: h.unit,
      price: formatMoney(locale, h.price_fen),
      origin: h.origin,
      at: formatInstant(locale, h.created_at, DEFAULT_TIME_ZONE),
      replaced: h.replaced_at !== null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const { vendor, clerk } = await requireVendor(request, { counter: true });
  const form = await readFormData(request);
  const values = Object.fromEntries(
    [...form].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v).slice(0, 60)]),
  );
  const read = readPriceList(form);
  if (!read.ok) return data({ errors: read.errors, values }, { status: 400 });
  const saved = await savePriceList(
    db,
    { vendorId: vendor.id, entries: read.entries, clerkUserId: clerk?.id },
    now,
  );
  return data({ saved });
}

export default function VendorPrices() {
  const { vendorId, list, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const sending = useNavigation().state === "submitting";
  const errors: Record<string, MessageKey> = result && "errors" in result ? result.errors : {};
  const typed = result && "values" in result ? (result.values as Record<string, string>) : null;
  const rows = Math.min(PRICE_FORM_ROWS, Math.max(list.length + BLANK_ROWS, BLANK_ROWS));
  const value = (name: string, n: number, shown: string) => typed?.[`${name}.${n}`] ?? shown;
  const error = (name: string, n: number) => {
    const key = errors[`${name}.${n}`];
    return key ? (
      <p className="field-error" id={`${name}-${n}-error`}>
        {t(key)}
      </p>
    ) : null;
  };
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to="/vendor">← {t("vendorHome.title")}</QuickLink>
        </p>
        <h1>{t("prices.title")}</h1>
        <p className="lead">{t("prices.intro", { max: MAX_PRICE_ITEMS })}</p>
      </div>
      {result && "saved" in result ? (
        <p className="notice notice-info" role="status">
          {result.saved.added || result.saved.retired ? t("prices.saved") : t("prices.unchanged")}{" "}
          <QuickLink to={`/vendors/${vendorId}`}>{t("prices.seePublic")}</QuickLink>
        </p>
      ) : null}
      <Form method="post" className="card stack-tight" noValidate>
        <FormError error={errors.form} />
        <p className="hint">{t("prices.howTo")}</p>
        <ol className="price-rows">
          {Array.from({ length: rows }, (_, n) => {
            const entry = list[n];
            const invalid = (name: string) => (errors[`${name}.${n}`] ? true : undefined);
            return (
              <li key={n} className="price-row">
                <div className="field">
                  <label htmlFor={`item-${n}`}>{t("prices.item", { n: n + 1 })}</label>
                  <input
                    id={`item-${n}`}
                    name={`item.${n}`}
                    maxLength={20}
                    defaultValue={value("item", n, entry?.item ?? "")}
                    aria-invalid={invalid("item")}
                    aria-describedby={invalid("item") ? `item-${n}-error` : undefined}
                  />
                  {error("item", n)}
                </div>
                <div className="field">
                  <label htmlFor={`price-${n}`}>{t("prices.price")}</label>
                  <input
                    id={`price-${n}`}
                    name={`price.${n}`}
                    inputMode="decimal"
                    maxLength={9}
                    defaultValue={value("price", n, entry?.price ?? "")}
                    aria-invalid={invalid("price")}
                    aria-describedby={invalid("price") ? `price-${n}-error` : undefined}
                  />
                  {error("price", n)}
                </div>
                <div className="field">
                  <label htmlFor={`unit-${n}`}>{t("prices.unit")}</label>
                  <select
                    id={`unit-${n}`}
                    name={`unit.${n}`}
                    defaultValue={value("unit", n, entry?.unit ?? "jin")}
                    aria-invalid={invalid("unit")}
                  >
                    {PRICE_UNITS.map((u) => (
                      <option key={u} value={u}>
                        {t(`prices.unit.${u}`)}
                      </option>
                    ))}
                  </select>
                  {error("unit", n)}
                </div>
                <div className="field">
                  <label htmlFor={`origin-${n}`}>{t("prices.origin")}</label>
                  <input
                    id={`origin-${n}`}
                    name={`origin.${n}`}
                    maxLength={30}
                    defaultValue={value("origin", n, entry?.origin ?? "")}
                    aria-invalid={invalid("origin")}
                  />
                  {error("origin", n)}
                </div>
              </li>
            );
          })}
        </ol>
        <SubmitButton
          pending={sending}
          label={t("prices.save")}
          pendingLabel={t("prices.saving")}
        />
      </Form>

      <section className="card" aria-labelledby="shown-heading">
        <h2 id="shown-heading">{t("prices.shown")}</h2>
        {list.length === 0 ? (
          <p className="empty-state">{t("prices.none")}</p>
        ) : (
          <PriceTable entries={list} />
        )}
      </section>

      {history.length ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t("prices.history")}</h2>
          <ul className="plain-list stack-tight">
            {history.map((h) => (
              <li key={h.id} className={h.replaced ? "hint" : undefined}>
                {h.at} · {h.item} {h.price}/{t(`prices.unit.${h.unit}`)}
                {h.origin ? ` · ${h.origin}` : ""}
                {h.replaced ? ` · ${t("prices.replaced")}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
