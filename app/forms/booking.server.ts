// The form rules of app/routes/book.$slug.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { MAX_SERIES_WEEKS } from "~/models/booking.server";

export const WaitlistSchema = z.object({
  intent: z.literal("waitlist"),
  stallId: z.coerce.number().int().positive().optional(),
  localDate: z.string().max(10),
  sessionKey: z.string().max(20),
});

export const BookSchema = z.object({
  stallId: z.coerce.number().int().positive(),
  localDate: z.string().max(10),
  sessionKey: z.string().max(20),
  key: z.string().min(8).max(100),
  weeks: z.coerce.number().int().min(1).max(MAX_SERIES_WEEKS).default(1),
});
