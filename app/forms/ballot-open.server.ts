// The form rules of app/routes/manage.zones.$slug_.ballots.tsx, on the server only.
import { z } from "zod";
import { isValidDate } from "~/domain/calendar";
import type { MessageKey } from "~/locales/zh-CN";

const date = z.string().refine(isValidDate, "ballotOpen.error.date");
/** A `datetime-local` value, read on the market's clock. */
const localInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, "ballotOpen.error.instant")
  .refine((v) => isValidDate(v.slice(0, 10)), "ballotOpen.error.instant");

export const BallotOpenSchema = z.object({
  intent: z.literal("open"),
  titleZh: z.string().trim().min(2, "ballotOpen.error.title").max(60, "ballotOpen.error.title"),
  titleEn: z.string().trim().max(80, "ballotOpen.error.titleEn").default(""),
  firstDate: date,
  lastDate: date,
  sessionKind: z.enum(["", "morning", "daytime", "evening", "night"]).default(""),
  opens: localInstant,
  closes: localInstant,
  newcomerShare: z.coerce
    .number({ message: "ballotOpen.error.share" })
    .int("ballotOpen.error.share")
    .min(0, "ballotOpen.error.share")
    .max(50, "ballotOpen.error.share"),
  lookbackMonths: z.coerce
    .number({ message: "ballotOpen.error.lookback" })
    .int("ballotOpen.error.lookback")
    .min(1, "ballotOpen.error.lookback")
    .max(36, "ballotOpen.error.lookback"),
});

export const BallotCorrectSchema = z.object({
  intent: z.literal("correct"),
  ballot: z.string().max(40),
  application: z.string().min(1, "ballotCorrect.error.application").max(40),
  toStall: z.string().min(1, "ballotCorrect.error.stall").max(40),
  reason: z
    .string()
    .trim()
    .min(4, "ballotCorrect.error.reason")
    .max(200, "ballotCorrect.error.reason"),
});

/**
 * The rows ticked (`row.A`) among the layout's, the stalls of them left out (`leaveOut`: codes
 * separated by commas or spaces), and the category caps typed (`cap.<slug>`, blank for none)
 * among the categories its stalls take.
 */
export function readRowsAndCaps(
  form: FormData,
  known: { rows: string[]; categories: string[]; codes: string[] },
):
  | { ok: true; rows: string[]; leaveOut: string[]; caps: Record<string, number> }
  | { ok: false; errors: { caps?: MessageKey; leaveOut?: MessageKey } } {
  const rows = known.rows.filter((r) => form.get(`row.${r}`) === "on");
  const leaveOut = String(form.get("leaveOut") ?? "")
    .toUpperCase()
    .split(/[\s,，、;；]+/u)
    .filter(Boolean);
  if (leaveOut.some((code) => !known.codes.includes(code)))
    return { ok: false, errors: { leaveOut: "ballotOpen.error.unknownStall" } };
  const caps: Record<string, number> = {};
  for (const slug of known.categories) {
    const raw = String(form.get(`cap.${slug}`) ?? "").trim();
    if (raw === "") continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 9999)
      return { ok: false, errors: { caps: "ballotOpen.error.cap" } };
    caps[slug] = n;
  }
  return { ok: true, rows, leaveOut, caps };
}
