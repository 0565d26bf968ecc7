// The form rules of app/routes/manage.reports.$id.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";

export const ReplySchema = z.string().trim().min(2).max(2000);
