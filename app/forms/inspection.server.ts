// The form rules of app/routes/manage.zones.$slug_.inspections.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";

/** Days between inspections that a zone may ask for. */
export const IntervalSchema = z.coerce.number().int().min(1).max(365);
