// A booking refusal in words, in the reader's language, its instants on the market's clock.
import { BOOKING_REFUSALS, type BookingRefusalCode, type Refusal } from "~/domain/booking-rules";
import { localizedParams, type Locale, type Translate } from "~/utils/i18n";

/** What the booking page can say no with: the booking's refusals and the page's own two. */
export const PAGE_REFUSALS = [...BOOKING_REFUSALS, "badRequest", "tooManyAttempts"] as const;

export type RefusalLike =
  | { code: BookingRefusalCode; params?: Refusal["params"] }
  | { code: "badRequest"; params?: undefined }
  | { code: "tooManyAttempts"; params: { seconds: number } };

/** The refusal a failed booking carries, as the page keeps it (no alternatives, no `ok`). */
export function refusalOf(failed: { code: RefusalLike["code"]; params?: Refusal["params"] }) {
  return { code: failed.code, params: failed.params } as RefusalLike;
}

/** When booking opens, or a ban ends, is shown as the hour where the market is. */
export function refusalMessage(
  t: Translate,
  locale: Locale,
  refusal: RefusalLike,
  timeZone: string,
): string {
  return t(
    `book.refusal.${refusal.code}`,
    localizedParams({ ...(refusal.params ?? {}) }, locale, timeZone),
  );
}
