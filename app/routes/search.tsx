import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SearchForm } from "~/components/search-form";
import { NextAppearance } from "~/components/appearance";
import { nextAppearances, searchVendors, type SearchMatch } from "~/models/public-vendor.server";
import { db } from "~/utils/db.server";
import { translator, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { publicPageHeaders } from "~/utils/page-cache.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = translator(data?.locale ?? "zh-CN");
  return pageMeta({
    matches,
    locale: data?.locale,
    title: data?.query ? t("search.titleFor", { query: data.query }) : t("search.title"),
    description: t("search.intro"),
  });
};

// The same for every reader without a session: a shared cache may keep it a few seconds.
export const headers: HeadersFunction = () => publicPageHeaders();

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 40);
  const now = new Date();
  const { vendors, partial, matches } = query
    ? await searchVendors(db, query)
    : { vendors: [], partial: false, matches: {} as Record<number, SearchMatch> };
  const next = await nextAppearances(
    db,
    vendors.map((v) => v.id),
    now,
  );
  const en = locale === "en";
  return {
    locale,
    query,
    partial,
    results: vendors.map((v) => ({
      id: v.id,
      name: en ? v.name_en || v.display_name : v.display_name,
      category: en ? v.category_en : v.category_zh,
      products: en ? v.products_en || v.products : v.products,
      welfare: v.public_welfare === 1,
      next: next.get(v.id)?.[0] ?? null,
      // Found by another name, by pinyin or despite a typo: the word it was found by.
      matched: ((m) =>
        m && m.word && (m.kind === "synonym" || m.kind === "pinyin" || m.kind === "typo")
          ? { kind: m.kind, word: m.word }
          : null)(matches[v.id]),
    })),
  };
}

export default function Search() {
  const { query, partial, results } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page narrow stack">
      <div>
        <h1>{t("search.title")}</h1>
        <p className="lead">{t("search.intro")}</p>
      </div>
      <SearchForm query={query} autoFocus={!query} />
      {query ? (
        <section aria-labelledby="results-heading" className="stack">
          <h2 id="results-heading">
            {results.length === 0
              ? t("search.none", { query })
              : partial
                ? t("search.partial", { query, count: results.length })
                : t("search.found", { query, count: results.length })}
          </h2>
          {results.length === 0 ? (
            <div className="card empty-state">
              <p>{t("search.noneHelp")}</p>
              <p>
                <QuickLink to="/markets">{t("search.browseMarkets")}</QuickLink>
              </p>
            </div>
          ) : (
            <ul className="plain-list stack">
              {results.map((r) => (
                <li key={r.id} className={`card vendor-card ${r.welfare ? "welfare" : ""}`}>
                  <h3>
                    <QuickLink to={`/vendors/${r.id}`}>{r.name}</QuickLink>
                  </h3>
                  <p className="hint">
                    {r.category}
                    {r.welfare ? (
                      <span className="badge badge-open"> {t("market.free")}</span>
                    ) : null}
                  </p>
                  <p>{r.products}</p>
                  {r.matched ? (
                    <p className="hint">
                      {t(`search.matched.${r.matched.kind}`, { query, word: r.matched.word })}
                    </p>
                  ) : null}
                  <NextAppearance appearance={r.next} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <p className="hint">{t("search.examples")}</p>
      )}
    </div>
  );
}
