// The form rules of app/routes/markets.$slug_.report.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { REPORT_CATEGORIES } from "~/domain/reports";

export const ReportSchema = z.object({
  category: z.enum(REPORT_CATEGORIES as [string, ...string[]], {
    message: "report.error.category",
  }),
  description: z
    .string({ message: "report.error.description" })
    .trim()
    .min(5, "report.error.description")
    .max(2000, "report.error.description"),
  contact: z.string().trim().max(100, "report.error.contact").optional().default(""),
  lng: z.string().optional().default(""),
  lat: z.string().optional().default(""),
  website: z.string().max(0, "report.error.bot").optional().default(""),
  /** From a stall's card: its code and the session ("YYYY-MM-DD|key"), checked by the model. */
  stall: z.string().max(20).optional().default(""),
  session: z.string().max(40).optional().default(""),
});
