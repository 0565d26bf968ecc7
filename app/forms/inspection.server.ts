// The form rules of app/routes/manage.zones.$slug_.inspections.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { addDays, isValidDate } from "~/domain/calendar";
import {
  CHECKLIST,
  FOLLOWUPS,
  type ChecklistAnswer,
  type ChecklistItem,
} from "~/domain/inspections";

/** Days between inspections that a zone may ask for. */
export const IntervalSchema = z.coerce.number().int().min(1).max(365);

const FOLLOWUP_MAX = 300;
const ANSWERS: readonly string[] = ["ok", "issue", "na"] satisfies ChecklistAnswer[];

/**
 * An inspection as the manager wrote it, dated within the last year and not after `today` (the
 * zone's date). The checklist and the follow-ups come as numbered fields; each group is judged
 * as one, so that the page shows one message beside it. Refused rather than cut: what the manager
 * typed stays in the form.
 */
export function inspectionSchema(today: string) {
  return z
    .looseObject({
      date: z
        .string({ message: "inspection.error.date" })
        .refine(
          (date) => isValidDate(date) && date <= today && date >= addDays(today, -365),
          "inspection.error.date",
        ),
      session: z.string().optional().default(""),
      findings: z.string().trim().max(2000, "form.error.tooLong").optional().default(""),
    })
    .superRefine((form, ctx) => {
      const { checklist, followups } = groups(form);
      if (Object.keys(checklist).length !== CHECKLIST.length)
        ctx.addIssue({
          code: "custom",
          path: ["checklist"],
          message: "inspection.error.checklist",
        });
      const tooLong = followups.some(({ action }) => action.length > FOLLOWUP_MAX);
      if (tooLong)
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: FOLLOWUP_MAX,
          inclusive: true,
          path: ["followup"],
          message: "inspection.error.followupTooLong",
        });
      else if (
        followups.some(({ action, dueOn }) => !action || !isValidDate(dueOn) || dueOn < form.date)
      )
        ctx.addIssue({ code: "custom", path: ["followup"], message: "inspection.error.followup" });
    })
    .transform((form) => ({
      date: form.date,
      sessionKey: /^[te]\d+$/.test(form.session) ? form.session : null,
      findings: form.findings,
      ...groups(form),
    }));
}

/** The checklist's answers that are answers, and the follow-up rows that are not left empty. */
function groups(form: Record<string, unknown>) {
  const field = (name: string) => {
    const value = form[name];
    return typeof value === "string" ? value.trim() : "";
  };
  const checklist = {} as Record<ChecklistItem, ChecklistAnswer>;
  for (const item of CHECKLIST) {
    const answer = field(`item-${item}`);
    if (ANSWERS.includes(answer)) checklist[item] = answer as ChecklistAnswer;
  }
  const followups: { action: string; dueOn: string }[] = [];
  for (let n = 1; n <= FOLLOWUPS; n++) {
    const action = field(`followup-${n}`);
    const dueOn = field(`due-${n}`);
    if (action || dueOn) followups.push({ action, dueOn });
  }
  return { checklist, followups };
}
