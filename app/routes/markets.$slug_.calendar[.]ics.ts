import type { LoaderFunctionArgs } from "@remix-run/node";
import { addDays } from "~/domain/calendar";
import { toICalendar } from "~/domain/icalendar";
import { localMoment } from "~/domain/market-hours";
import { zoneCalendar, upcomingSessions } from "~/models/zone-calendar.server";
import { getZoneBySlug } from "~/models/zone-lookup.server";
import { db } from "~/utils/db.server";
import { siteUrl } from "~/utils/env.server";
import { localized, translate } from "~/utils/i18n";
import { sessionValue } from "~/components/session-label";
import { getLocale } from "~/utils/i18n.server";
import { notFound } from "~/utils/responses";

/** How far ahead a subscribed calendar sees a market's sessions. */
const FEED_DAYS = 56;

// /markets/<slug>/calendar.ics: a market's coming sessions (RFC 5545) for a calendar app to
// subscribe to. A session closed meanwhile drops out of the feed at the next refresh.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const zone = params.slug ? await getZoneBySlug(db, params.slug) : undefined;
  if (!zone) throw notFound();
  const locale = await getLocale(request);
  const calendar = await zoneCalendar(db, zone);
  const now = new Date();
  const today = localMoment(now, zone.time_zone).date;
  const name = localized(zone, "name", locale);
  const sessions = upcomingSessions(calendar, today, addDays(today, FEED_DAYS));
  const body = toICalendar({
    name,
    now,
    events: sessions.map((s) => ({
      uid: `${zone.slug}-${s.localDate}-${s.key}@jishi`,
      start: s.startsAt,
      end: s.endsAt,
      summary: s.title
        ? `${name} · ${locale === "en" ? s.title.en : s.title.zh}`
        : `${name} · ${translate(locale, `session.kind.${s.kind as "morning"}`)}`,
      location: localized(zone, "address", locale),
      description: `${siteUrl(request)}/markets/${zone.slug}?session=${encodeURIComponent(sessionValue(s))}`,
    })),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${zone.slug}.ics"`,
      "Cache-Control": "public, max-age=900, s-maxage=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
