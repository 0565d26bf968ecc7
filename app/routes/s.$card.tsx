// A stall's card, opened by scanning its QR code (一摊一码): this stall now. Who is selling
// here in the session in progress or the next, what they sell, where they come from, until when
// their papers are valid, and a way to report a problem about this stall to its managers. Sent
// without scripts: whole as HTML on any phone, in a few kilobytes.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { appearanceWhen } from "~/components/appearance";
import { IntegrityMark } from "~/components/integrity";
import { PriceTable } from "~/components/price-table";
import { parseStallCardId } from "~/domain/stall-card";
import { stallCard } from "~/models/stall-card.server";
import { db } from "~/utils/db.server";
import {
  formatInstant,
  formatLocalDate,
  formatMoney,
  localized,
  translator,
  useT,
} from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { quarterLabel } from "~/utils/integrity-view.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta({
    matches,
    locale: data?.locale,
    title: data ? `${data.market} · ${data.stall.code}` : undefined,
    description: data ? translator(data.locale)("card.description") : undefined,
  });

export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const card = parseStallCardId(params.card ?? "");
  const url = new URL(request.url);
  const found = card && (await stallCard(db, card, new Date(), url.searchParams.get("session")));
  if (!found) throw notFound();
  const locale = await getLocale(request);
  const { zone, stall, chosen, sessions } = found;
  const en = locale === "en";
  const when = (s: { localDate: string; startsAt: string; endsAt: string }) =>
    appearanceWhen(locale, {
      local_date: s.localDate,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      time_zone: zone.time_zone,
    });
  const vendor = chosen?.vendor;
  return {
    locale,
    slug: zone.slug,
    market: localized(zone, "name", locale),
    stall: {
      code: stall.code,
      fee: stall.public_welfare || stall.fee_fen === 0 ? null : formatMoney(locale, stall.fee_fen),
      power: stall.has_power === 1,
      water: stall.has_water === 1,
    },
    session: chosen
      ? {
          ref: `${chosen.localDate}|${chosen.key}`,
          when: when(chosen),
          inProgress: chosen.inProgress,
        }
      : null,
    vendor: vendor
      ? {
          id: vendor.vendor_id,
          name: en ? vendor.name_en || vendor.display_name : vendor.display_name,
          category: en ? vendor.category_en : vendor.category_zh,
          products: en ? vendor.products_en || vendor.products : vendor.products,
          from: vendor.home_community,
          mark: vendor.mark ? quarterLabel(locale, vendor.mark) : null,
          papersUntil: vendor.papersUntil
            ? formatLocalDate(locale, vendor.papersUntil, "full")
            : null,
          prices: vendor.prices,
          pricesAt: vendor.prices.length
            ? formatInstant(
                locale,
                vendor.prices
                  .map((p) => p.since)
                  .sort()
                  .at(-1)!,
                zone.time_zone,
              )
            : null,
        }
      : null,
    sessions: sessions.map((s) => ({
      ref: `${s.localDate}|${s.key}`,
      when: when(s),
      vendor: s.vendor
        ? en
          ? s.vendor.name_en || s.vendor.display_name
          : s.vendor.display_name
        : null,
    })),
  };
}

export default function StallCardPage() {
  const { slug, market, stall, session, vendor, sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const reportHref = `/markets/${slug}/report?${new URLSearchParams({
    stall: stall.code,
    ...(session ? { session: session.ref } : {}),
  }).toString()}`;
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to={`/markets/${slug}`}>{market}</QuickLink>
        </p>
        <h1>{t("card.title", { code: stall.code })}</h1>
      </div>

      <section className="card stack-tight" aria-labelledby="now-heading">
        <h2 id="now-heading">
          {session
            ? session.inProgress
              ? t("card.now", { when: session.when })
              : t("card.next", { when: session.when })
            : t("card.noSession")}
        </h2>
        {vendor ? (
          <>
            <p className="card-vendor">
              <QuickLink to={`/vendors/${vendor.id}`}>{vendor.name}</QuickLink>{" "}
              <span className="badge badge-kind">{vendor.category}</span>
              {vendor.mark ? (
                <>
                  {" "}
                  <IntegrityMark quarter={vendor.mark} />
                </>
              ) : null}
            </p>
            <p>{vendor.products}</p>
            {vendor.from ? <p>{t("card.from", { place: vendor.from })}</p> : null}
            <p className="hint">
              {vendor.papersUntil
                ? t("card.papersUntil", { date: vendor.papersUntil })
                : t("card.papersNotValid")}
            </p>
            {vendor.prices.length ? (
              <PriceTable
                entries={vendor.prices}
                caption={t("prices.updatedAt", { at: vendor.pricesAt ?? "" })}
              />
            ) : (
              <p className="hint">{t("card.noPrices")}</p>
            )}
          </>
        ) : session ? (
          <p className="empty-state">{t("card.nobody")}</p>
        ) : null}
        <p>
          <QuickLink className="button button-primary button-block" to={reportHref}>
            {t("card.report")}
          </QuickLink>
        </p>
      </section>

      <section className="card" aria-labelledby="stall-heading">
        <h2 id="stall-heading">{t("card.stall")}</h2>
        <ul className="plain-list">
          <li>{stall.fee ? t("card.fee", { fee: stall.fee }) : t("book.free")}</li>
          {stall.power ? <li>{t("card.power")}</li> : null}
          {stall.water ? <li>{t("card.water")}</li> : null}
        </ul>
      </section>

      {sessions.length > 1 ? (
        <section aria-labelledby="coming-heading">
          <h2 id="coming-heading">{t("card.coming")}</h2>
          <ul className="plain-list card-sessions">
            {sessions.map((s) => (
              <li key={s.ref}>
                <QuickLink
                  to={`?${new URLSearchParams({ session: s.ref }).toString()}`}
                  aria-current={s.ref === session?.ref ? "true" : undefined}
                >
                  {s.when}
                </QuickLink>{" "}
                · {s.vendor ?? t("card.nobodyShort")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="hint">{t("card.about", { market })}</p>
    </div>
  );
}
