import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { KindBadge } from "~/components/zone-format";
import { counterZoneIds } from "~/models/counter.server";
import { listZonesWithSchedule } from "~/models/zone.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { localized, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("book.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { clerk } = await requireVendor(request, { counter: true });
  const locale = await getLocale(request);
  // A counter books only at the markets it serves.
  const served = clerk ? new Set(await counterZoneIds(db, clerk.id)) : null;
  const zones = (await listZonesWithSchedule(db)).filter((z) => !served || served.has(z.id));
  return {
    locale,
    zones: zones.map((z) => ({
      slug: z.slug,
      name: localized(z, "name", locale),
      kind: z.kind,
      address: localized(z, "address", locale),
      stalls: z.stalls?.count ?? 0,
    })),
  };
}

export default function ChooseMarket() {
  const { zones } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page stack">
      <div>
        <h1>{t("book.title")}</h1>
        <p className="lead">{t("book.chooseMarket")}</p>
      </div>
      <ul className="zone-list">
        {zones.map((z) => (
          <li key={z.slug} className="card">
            <h2 className="h3">
              <QuickLink to={`/book/${z.slug}`}>{z.name}</QuickLink>
            </h2>
            <p>
              <KindBadge t={t} kind={z.kind} /> {t("zone.stalls", { count: z.stalls })}
            </p>
            <p className="zone-address">{z.address}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
