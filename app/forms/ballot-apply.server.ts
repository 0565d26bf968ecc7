// The form rules of app/routes/ballots.$id_.apply.tsx, on the server only.
import { z } from "zod";

/** One ranked choice: a stall ("stall:A-04"), a row ("row:B"), or nothing. */
const choice = z
  .string()
  .max(40)
  .regex(/^((stall|row):[\p{L}\p{N}-]{1,20})?$/u)
  .optional();

export const BallotApplySchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("apply"),
    pref1: choice,
    pref2: choice,
    pref3: choice,
    pref4: choice,
    pref5: choice,
    anyStall: z.literal("on").optional(),
    ownProduce: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("withdraw") }),
]);
