// Translation and formatting, shared by server and browser. The server holds both catalogues
// (registerAllCatalogues in i18n.server.ts); the browser loads only the page's language before
// it hydrates (entry.client.tsx), so a phone downloads one (decision 003).
import { useRouteLoaderData } from "@remix-run/react";
import { remembered } from "~/domain/remembered";
import type { MessageKey } from "~/locales/zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** Some of a language's messages: the public ones, or the staff's (app/locales/staff.ts). */
export type Catalogue = Partial<Record<MessageKey, string>>;
const catalogues: Partial<Record<Locale, Catalogue>> = {};
const loaded = new Set<Locale>();

/** Adds messages to a language's: the public catalogue and the staff's arrive apart. */
export function registerCatalogue(locale: Locale, messages: Catalogue) {
  catalogues[locale] = { ...catalogues[locale], ...messages };
}

/** Loads one language's public messages (a chunk of its own in the browser) and registers them. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return;
  registerCatalogue(
    locale,
    locale === "en" ? (await import("~/locales/en")).en : (await import("~/locales/zh-CN")).zhCN,
  );
  loaded.add(locale);
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

// A message's `{name}` values and `{name, plural, one {…} other {…}}` forms, found once per
// message: pages translate hundreds of strings, and matching them again each time was a few per
// cent of a page's CPU.
const PLACES = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}|\{(\w+)\}/g;
type Part = string | { name: string; whole: string; forms?: Map<string, string> };
const partsOf = remembered<Part[]>(5000);
const pluralRules = new Map<Locale, Intl.PluralRules>();

function parts(template: string): Part[] {
  return partsOf(template, () => cutMessage(template));
}

function cutMessage(template: string): Part[] {
  const cut: Part[] = [];
  let at = 0;
  for (const m of template.matchAll(PLACES)) {
    if (m.index > at) cut.push(template.slice(at, m.index));
    const [whole, pluralName, forms, name] = m;
    cut.push(
      pluralName
        ? {
            name: pluralName,
            whole,
            forms: new Map(
              [...forms!.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)].map((f) => [f[1]!, f[2]!] as const),
            ),
          }
        : { name: name!, whole },
    );
    at = m.index + whole.length;
  }
  if (at < template.length) cut.push(template.slice(at));
  return cut;
}

/** `{count, plural, one {# stall} other {# stalls}}`: the form for the number, # for it. */
function plural(locale: Locale, forms: Map<string, string>, value: string | number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  // A count may arrive formatted ("1,200"): its digits choose the form.
  const n = typeof value === "number" ? value : Number(String(value).replace(/[^\d.-]/g, ""));
  const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get("other") ?? "";
  return form.replace(/#/g, String(value));
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  // A key built at run time (an audit action, say) that has no message shows as itself.
  const template = catalogues[locale]?.[key] ?? key;
  if (!params) return template;
  let out = "";
  for (const part of parts(template)) {
    if (typeof part === "string") out += part;
    else if (!(part.name in params)) out += part.whole;
    else if (part.forms) out += plural(locale, part.forms, params[part.name]!);
    else out += String(params[part.name]);
  }
  return out;
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/**
 * Message parameters stored for both languages: `market` and `marketEn`. An English reader gets
 * the English value under the plain name.
 */
export function localizedParams(params: Params, locale: Locale, timeZone: string): Params {
  const out: Params = { ...params };
  for (const [key, value] of Object.entries(params)) {
    if (locale === "en" && key.endsWith("En") && value !== "") out[key.slice(0, -2)] = value;
    // Instants are stored as UTC ISO strings and shown in the market's time.
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value))
      out[key] = formatInstant(locale, value, timeZone);
  }
  return out;
}

/** Picks the field in the reader's language from a row with `_zh` and `_en` columns. */
export function localized<K extends string>(
  row: { [P in `${K}_zh` | `${K}_en`]: string | null },
  field: K,
  locale: Locale,
): string {
  const columns = row as Record<string, string | null>;
  const zh = columns[`${field}_zh`] ?? "";
  if (locale === "zh-CN") return zh;
  return columns[`${field}_en`] || zh;
}

// Building an Intl formatter costs far more than using one: keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** A count with its thousands grouped, as the reader's language writes it (2,000). */
export function formatCount(locale: Locale, n: number): string {
  return cached(`count:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** Money is integer fen; shown as yuan in the reader's language. */
export function formatMoney(locale: Locale, fen: number): string {
  const cents = fen % 100 !== 0;
  return cached(
    `money:${locale}:${cents}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency: "CNY",
        currencyDisplay: "narrowSymbol",
        minimumFractionDigits: cents ? 2 : 0,
      }),
  ).format(fen / 100);
}

/** Dates as written: a page writes the same few days again and again. */
const writtenDates = remembered<string>(5_000);

/**
 * A calendar date 'YYYY-MM-DD' (already local to the market) written for the reader: with the
 * weekday for the coming days, with the year for dates further off (a paper's expiry).
 */
export function formatLocalDate(
  locale: Locale,
  date: string,
  style: "day" | "full" = "day",
): string {
  return writtenDates(`${locale}:${style}:${date}`, () => {
    const [y, m, d] = date.split("-").map(Number);
    const options: Intl.DateTimeFormatOptions =
      style === "full"
        ? { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }
        : { month: "long", day: "numeric", weekday: "short", timeZone: "UTC" };
    return cached(`date:${locale}:${style}`, () => new Intl.DateTimeFormat(locale, options)).format(
      new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
    );
  });
}

/**
 * An instant as Huguan reads it — when a report was sent, an audit entry written — in the
 * reader's language; the county's time zone unless told otherwise.
 */
export function formatInstant(
  locale: Locale,
  instant: string,
  /** The zone's own time zone: an instant is shown as the hour on the market's clocks. */
  timeZone: string,
  style: { dateStyle?: "short" | "medium"; timeStyle?: "short" | "medium" } = {
    dateStyle: "medium",
    timeStyle: "short",
  },
): string {
  return cached(
    `instant:${locale}:${timeZone}:${style.dateStyle}:${style.timeStyle}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, ...style }),
  ).format(new Date(instant));
}

/** A share from 0 to 1 as a percentage to one decimal ("66.7%"); "—" when there is none. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 1000) / 10}%`;
}

/** "06:00": the wall-clock time of an instant where the market is, the same in both languages. */
export function formatLocalTime(instant: string, timeZone: string): string {
  return cached(
    `time:${timeZone}`,
    () => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }),
  ).format(new Date(instant));
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: Locale }>("root");
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}
