// The form rules of app/routes/manage.zones.$slug_.layout.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { RULE_LIMITS } from "~/domain/layout-checks";

export const RulesSchema = z.object({
  fireLaneWidthM: z.coerce
    .number()
    .min(RULE_LIMITS.fireLaneWidthM[0])
    .max(RULE_LIMITS.fireLaneWidthM[1]),
  aisleMinM: z.coerce.number().min(RULE_LIMITS.aisleMinM[0]).max(RULE_LIMITS.aisleMinM[1]),
  extinguisherReachM: z.coerce
    .number()
    .min(RULE_LIMITS.extinguisherReachM[0])
    .max(RULE_LIMITS.extinguisherReachM[1]),
  exitReachM: z.coerce.number().min(RULE_LIMITS.exitReachM[0]).max(RULE_LIMITS.exitReachM[1]),
  powerReachM: z.coerce.number().min(RULE_LIMITS.powerReachM[0]).max(RULE_LIMITS.powerReachM[1]),
  maxCoverage: z.coerce.number().min(10).max(90),
});

/** The office's answer to a submitted layout: sent back with a comment, or approved. */
export const LayoutReviewSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("return"),
    comment: z.string().trim().min(1, "layout.error.commentNeeded").max(1000, "form.error.tooLong"),
  }),
  z.object({
    intent: z.literal("approve"),
    reason: z.string().trim().max(1000, "form.error.tooLong").default(""),
  }),
]);
