// The form rules of the integrity record's pages (/vendor/integrity, /manage/integrity), on the
// server only: zod stays out of the browser bundle.
import { z } from "zod";
import { INTEGRITY_KINDS, MAX_RULE_POINTS, type IntegrityRule } from "~/domain/integrity";

const eventId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const text = z.string().trim().min(2, "integrity.error.text").max(500, "integrity.error.text");

export const AppealSchema = z.object({ intent: z.literal("appeal"), eventId, text });

export const ManageIntegritySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("annul"), eventId, text }),
  z.object({ intent: z.literal("uphold"), eventId, text }),
  z.object({ intent: z.literal("reject"), eventId, text }),
  z.object({ intent: z.literal("rules") }),
]);

/** The rules form: `points-<kind>` (0–12) and a `minor-<kind>` checkbox for every kind. */
export function readRules(form: FormData): IntegrityRule[] | null {
  const rules: IntegrityRule[] = [];
  for (const kind of INTEGRITY_KINDS) {
    const raw = form.get(`points-${kind}`);
    const points = typeof raw === "string" && /^\d{1,2}$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(points >= 0 && points <= MAX_RULE_POINTS)) return null;
    rules.push({ kind, points, minor: form.get(`minor-${kind}`) === "on" ? 1 : 0 });
  }
  return rules;
}
