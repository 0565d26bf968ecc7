// A booking refusal in words, in the reader's language, its instants on the market's clock.
import type { Refusal } from "~/domain/booking-rules";
import { localizedParams, type Locale, type Translate } from "~/utils/i18n";

export type RefusalLike =
  | Refusal
  | { code: "sessionNotHeld" | "stallNotBookable" | "badRequest"; params?: undefined }
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
