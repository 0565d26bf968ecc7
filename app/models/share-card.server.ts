// What goes on a share card: a market's (name, hours, area and stalls) or the county's (every
// market's area). The picture itself is drawn in app/utils/share-image.server.ts.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { sessionLine, weekdaysLine } from "~/components/zone-format";
import { parsePolygon, ringCenter, type Ring } from "~/domain/geo";
import type { ShareCard } from "~/domain/share-card";
import { approvedStalls, listZonesWithSchedule } from "~/models/zone.server";
import { localized, translator, type Locale } from "~/utils/i18n";

const outline = (boundary: string): Ring[] => {
  const ring = parsePolygon(boundary)?.coordinates[0];
  return ring ? [ring] : [];
};

/** An active market's card, or undefined when there is no such market. */
export async function marketCard(
  db: Kysely<Database>,
  zoneId: number,
  locale: Locale,
  host: string,
): Promise<ShareCard | undefined> {
  const t = translator(locale);
  const [[zone], stalls] = await Promise.all([
    listZonesWithSchedule(db, { zoneIds: [zoneId] }),
    approvedStalls(db, zoneId),
  ]);
  if (!zone) return undefined;
  return {
    site: t("app.name"),
    title: localized(zone, "name", locale),
    // The other language's name: a card travels further than the page's language.
    subtitle: locale === "en" ? zone.name_zh : zone.name_en,
    lines: zone.templates.map((s) => `${weekdaysLine(t, s.weekdays)} · ${sessionLine(t, s)}`),
    footer: localized(zone, "address", locale),
    link: host,
    areas: outline(zone.boundary),
    stalls: stalls.flatMap((s) => parsePolygon(s.geometry)?.coordinates.slice(0, 1) ?? []),
  };
}

/** The site's card: every market's area, numbered, and how many there are. */
export async function countyCard(
  db: Kysely<Database>,
  locale: Locale,
  host: string,
): Promise<ShareCard> {
  const t = translator(locale);
  const zones = await listZonesWithSchedule(db);
  const areas = zones.flatMap((z) => outline(z.boundary));
  return {
    site: t("app.name"),
    title: t("share.countyTitle"),
    subtitle: t("app.tagline"),
    lines: [t("share.countyCount", { count: zones.length })],
    footer: t("footer.office"),
    link: host,
    areas,
    dots: areas.map(ringCenter),
  };
}
