// The form rules of app/routes/manage.vendors.$id.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { needsReason, REVIEW_DECISIONS, type ReviewDecision } from "~/domain/vendor-review";

export const DecisionSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS as [ReviewDecision, ...ReviewDecision[]], {
      message: "review.error.decision",
    }),
    reason: z.string().trim().max(500, "form.error.tooLong").default(""),
    until: z.string().default(""),
  })
  .refine((v) => !needsReason(v.decision) || v.reason.length > 0, {
    path: ["reason"],
    message: "review.error.reasonRequired",
  })
  .refine((v) => v.decision !== "suspend" || /^\d{4}-\d{2}-\d{2}$/.test(v.until), {
    path: ["until"],
    message: "review.error.untilRequired",
  });
