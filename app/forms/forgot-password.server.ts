// The form rules of app/routes/forgot-password.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";

export const ForgotPasswordSchema = z.object({
  identifier: z
    .string()
    .trim()
    .min(1, "login.error.identifierRequired")
    .max(254, "form.error.emailInvalid"),
});
