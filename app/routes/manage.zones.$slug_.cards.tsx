// Stall cards to print (一摊一码): one per stall of the approved layout, A6 (four to an A4 sheet)
// or A7 (eight), each with the market, the stall's code and a QR code to the stall's page. A
// card stays right across layout versions as long as its stall keeps its code.
import "~/locales/staff";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { qrSvg } from "~/utils/qr.server";
import { useHydrated } from "~/components/client-only";
import { stallRow } from "~/domain/ballot-rules";
import { CARD_SIZES, stallCardId, type CardSize } from "~/domain/stall-card";
import { approvedStalls } from "~/models/zone.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { localized, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.zone.name, t("cards.title")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { zone } = await requireZoneManager(request, params.slug);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const size: CardSize = url.searchParams.get("size") === "a7" ? "a7" : "a6";
  const stalls = await approvedStalls(db, zone.id);
  const rows = [...new Set(stalls.map((s) => stallRow(s.code)))];
  const askedRow = url.searchParams.get("row") ?? "";
  const row = rows.includes(askedRow) ? askedRow : "";
  const site = siteUrl(request);
  const cards = await Promise.all(
    stalls
      .filter((s) => !row || stallRow(s.code) === row)
      .map(async (s) => {
        const address = `${site}/s/${stallCardId(zone.id, s.code)}`;
        return {
          code: s.code,
          address,
          qr: await qrSvg(address, { errorCorrectionLevel: "M" }),
        };
      }),
  );
  return {
    locale,
    zone: {
      slug: zone.slug,
      name: localized(zone, "name", locale),
      nameZh: zone.name_zh,
      nameEn: zone.name_en,
    },
    size,
    rows,
    row,
    cards,
  };
}

export default function StallCards() {
  const { zone, size, rows, row, cards } = useLoaderData<typeof loader>();
  const t = useT();
  const hydrated = useHydrated();
  return (
    <div className="page stack">
      <div className="no-print stack-tight">
        <p>
          <QuickLink to={`/manage/zones/${zone.slug}`}>← {zone.name}</QuickLink>
        </p>
        <h1>
          {zone.name} · {t("cards.title")}
        </h1>
        <p className="lead">{t("cards.intro")}</p>
        <Form method="get" className="card filters">
          <div className="field">
            <label htmlFor="size">{t("cards.size")}</label>
            <select id="size" name="size" defaultValue={size}>
              {(Object.keys(CARD_SIZES) as CardSize[]).map((s) => (
                <option key={s} value={s}>
                  {t(`cards.size.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="row">{t("cards.row")}</label>
            <select id="row" name="row" defaultValue={row}>
              <option value="">{t("cards.allRows")}</option>
              {rows.map((r) => (
                <option key={r} value={r}>
                  {t("cards.rowN", { row: r })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-quiet">
            {t("cards.show")}
          </button>
        </Form>
        <p>
          {t("cards.count", { count: cards.length })}{" "}
          {hydrated ? (
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t("cards.print")}
            </button>
          ) : null}
        </p>
      </div>
      {cards.length === 0 ? (
        <div className="card empty-state no-print">
          <p>{t("cards.none")}</p>
        </div>
      ) : (
        <ul className={`stall-cards stall-cards-${size}`} aria-label={t("cards.title")}>
          {cards.map((c) => (
            <li key={c.code} className="stall-card">
              <p className="stall-card-market" lang="zh-CN">
                {zone.nameZh}
              </p>
              <p className="stall-card-code">{c.code}</p>
              <div
                className="stall-card-qr"
                role="img"
                aria-label={t("cards.qrLabel", { code: c.code })}
                dangerouslySetInnerHTML={{ __html: c.qr }}
              />
              <p className="stall-card-call" lang="zh-CN">
                扫码看谁在这里卖、证件和价格，有问题直接反映
              </p>
              <p className="stall-card-call-en" lang="en">
                Scan: who sells here, their papers and prices; report a problem
              </p>
              <p className="stall-card-address">{c.address}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
