// The form rules of app/routes/login.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";

export const LoginSchema = z.object({
  identifier: z
    .string()
    .trim()
    .min(1, "login.error.identifierRequired")
    .max(254, "login.error.invalid"),
  password: z.string().min(1, "login.error.passwordRequired").max(1024, "login.error.invalid"),
  redirectTo: z.string().optional(),
});
