// The rules of the small forms that carry only an intent or a choice, on the server only.
import { z } from "zod";
import { LOCALES } from "~/utils/i18n";

/** The language switch: a language we have, and where to go back to (checked by safeRedirect). */
export const ElderSchema = z.object({
  elder: z.enum(["on", "off"]),
  redirectTo: z.string().max(2000).optional(),
});

export const LanguageSchema = z.object({
  locale: z.enum(LOCALES),
  redirectTo: z.string().max(2000).optional(),
});

/** The vendor's home: send the application in again, or mark the inbox read. */
export const VendorHomeSchema = z.object({
  intent: z.enum(["resubmit", "markRead", "stopCounter"]),
});
