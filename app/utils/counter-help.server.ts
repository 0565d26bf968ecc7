// What service counters may do and did for a vendor, worded for a page: the vendor's own and
// the manager's view of the vendor show the same (app/components/counter-acts.tsx).
import { DEFAULT_TIME_ZONE } from "~/domain/market-hours";
import { counterActs, liveConsent } from "~/models/counter.server";
import { db } from "./db.server";
import { formatInstant, type Locale } from "./i18n";

export async function counterHelp(vendorId: number, locale: Locale) {
  const [consent, acts] = await Promise.all([
    liveConsent(db, vendorId),
    counterActs(db, vendorId, 50),
  ]);
  return {
    consent: consent
      ? {
          clerk: consent.clerk_name,
          since: formatInstant(locale, consent.created_at, DEFAULT_TIME_ZONE),
        }
      : null,
    acts: acts.map((a) => ({
      id: a.id,
      clerk: a.clerk_name,
      action: a.action,
      at: formatInstant(locale, a.at, DEFAULT_TIME_ZONE),
    })),
  };
}
