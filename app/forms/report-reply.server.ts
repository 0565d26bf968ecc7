// The form rules of app/routes/manage.reports.$id.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";

const reply = z.string().trim().min(2, "report.error.reply").max(2000, "report.error.reply");

/** What a manager does with a report: hand it on, start on it, or finish it with an answer. */
export const ReportActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    assignee: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({ intent: z.literal("start") }),
  z.object({
    intent: z.literal("resolve"),
    reply,
    // A checkbox: present ("on") when the manager found the vendor at fault.
    upheld: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("close"), reply }),
]);
