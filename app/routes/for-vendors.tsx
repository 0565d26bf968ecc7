import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listCategories } from "~/models/category.server";
import { getVendorForUser } from "~/models/vendor.server";
import { getOptionalUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { translator, useLocale, useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

// The page a market office hands to would-be vendors: shared, so it carries a description.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = translator(data?.locale ?? "zh-CN");
  return pageMeta({
    matches,
    locale: data?.locale,
    title: t("vendors.title"),
    description: t("vendors.intro"),
  });
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, categories] = await Promise.all([
    getLocale(request),
    getOptionalUser(request),
    listCategories(db),
  ]);
  const vendor = user?.role === "vendor" ? await getVendorForUser(db, user.id) : undefined;
  return { locale, loggedIn: !!user, vendor: vendor ?? null, categories };
}

export default function ForVendors() {
  const { loggedIn, vendor, categories } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const en = locale === "en";
  return (
    <div className="page stack">
      <div>
        <h1>{t("vendors.title")}</h1>
        <p className="lead">{t("vendors.intro")}</p>
      </div>
      {vendor ? (
        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">{t("vendors.yourStatus")}</h2>
          <p>
            <span className={`badge badge-${vendor.status}`}>
              {t(`vendor.status.${vendor.status}`)}
            </span>
          </p>
          <p>
            <strong>
              {t("vendors.yourCategory")}
              {t("punct.colon")}
            </strong>
            {en ? vendor.category_en : vendor.category_zh}
          </p>
          <p>
            <strong>
              {t("vendors.yourProducts")}
              {t("punct.colon")}
            </strong>
            {en ? vendor.products_en || vendor.products : vendor.products}
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="how-heading">
        <h2 id="how-heading">{t("vendors.howTitle")}</h2>
        <ol className="steps">
          <li>{t("vendors.step1")}</li>
          <li>{t("vendors.step2")}</li>
          <li>{t("vendors.step3")}</li>
        </ol>
        {vendor ? (
          <QuickLink to="/vendor" className="button button-primary">
            {t("vendorHome.title")}
          </QuickLink>
        ) : loggedIn ? null : (
          <p className="actions">
            <QuickLink to="/join" className="button button-primary">
              {t("join.cta")}
            </QuickLink>
            <QuickLink to="/login?redirectTo=/vendor" className="button button-quiet">
              {t("vendors.loginCta")}
            </QuickLink>
          </p>
        )}
      </section>
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t("vendors.categoriesTitle")}</h2>
        <div className="table-wrap card">
          <table>
            <tbody>
              {categories.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">{en ? c.name_en : c.name_zh}</th>
                  <td>
                    {c.public_welfare
                      ? t("vendors.publicWelfare")
                      : [
                          t("vendors.needsId"),
                          c.needs_health_certificate ? t("vendors.needsHealth") : null,
                          c.needs_food_permit ? t("vendors.needsFoodPermit") : null,
                        ]
                          .filter(Boolean)
                          .join(t("weekday.separator"))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
