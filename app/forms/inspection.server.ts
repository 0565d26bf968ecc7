// The form rules of app/routes/manage.zones.$slug_.inspections.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { addDays, isValidDate } from "~/domain/calendar";
import {
  CHECKLIST,
  FOLLOWUPS,
  type ChecklistAnswer,
  type ChecklistItem,
} from "~/domain/inspections";
import { FINDING_ROWS, STALL_FINDINGS, type StallFinding } from "~/domain/integrity";

/** Days between inspections that a zone may ask for. */
export const IntervalSchema = z.coerce.number().int().min(1).max(365);

const FOLLOWUP_MAX = 300;
const FINDING_NOTE_MAX = 300;
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
      const { stallFindings } = findingRows(form);
      if (stallFindings.some((f) => f.note.length > FINDING_NOTE_MAX))
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: FINDING_NOTE_MAX,
          inclusive: true,
          path: ["stallFindings"],
          message: "form.error.tooLong",
        });
      else if (stallFindings.some((f) => !f.stallCode || !STALL_FINDINGS.includes(f.kind)))
        ctx.addIssue({
          code: "custom",
          path: ["stallFindings"],
          message: "inspection.error.finding",
        });
      else if (stallFindings.length && !/^[te]\d+$/.test(String(form.session ?? "")))
        ctx.addIssue({
          code: "custom",
          path: ["stallFindings"],
          message: "inspection.error.findingSession",
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
      ...findingRows(form),
    }));
}

/** The checklist's answers that are answers, and the follow-up rows that are not left empty. */
function groups(form: Record<string, unknown>) {
  const field = (name: string) => textField(form, name);
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

/** The stall-finding rows that are not left empty: a stall, what was found, a note. */
function findingRows(form: Record<string, unknown>): { stallFindings: StallFinding[] } {
  const field = (name: string) => textField(form, name);
  const stallFindings: StallFinding[] = [];
  for (let n = 1; n <= FINDING_ROWS; n++) {
    const stallCode = field(`finding-stall-${n}`).toUpperCase();
    const kind = field(`finding-kind-${n}`);
    const note = field(`finding-note-${n}`);
    if (stallCode || kind || note)
      stallFindings.push({ stallCode, kind: kind as StallFinding["kind"], note });
  }
  return { stallFindings };
}

function textField(form: Record<string, unknown>, name: string) {
  const value = form[name];
  return typeof value === "string" ? value.trim() : "";
}
