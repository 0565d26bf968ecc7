// The form rules of app/routes/manage.zones.$slug_.day.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { ACTION_KEY } from "~/domain/day-sync";

export const ActionSchema = z.object({
  intent: z.enum(["checkIn", "noShow", "fee", "confirm", "decline", "walkUp"]),
  bookingId: z.coerce.number().int().positive().optional(),
  amount: z.string().optional(),
  stallId: z.coerce.number().int().positive().optional(),
  identifier: z.string().trim().max(254).optional(),
  session: z.string().max(40),
  /** A walk-up's key, made on the phone: the same walk-up sent twice makes one booking. */
  key: z
    .string()
    .regex(ACTION_KEY)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
