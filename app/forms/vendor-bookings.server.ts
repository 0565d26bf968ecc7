// The form rules of app/routes/vendor.bookings.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Every button on "My bookings": a plain cancel sends no intent. */
export const BookingsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acceptOffer"), entryId: id }),
  z.object({ intent: z.literal("leaveWaitlist"), entryId: id }),
  z.object({ intent: z.literal("calendar") }),
  z.object({ intent: z.literal("resetCalendar") }),
  z.object({ intent: z.literal("cancelSeries"), bookingId: id }),
  z.object({ intent: z.literal("cancel"), bookingId: id }),
]);
