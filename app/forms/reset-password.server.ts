// The form rules of app/routes/reset-password.$token.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { passwordField } from "~/utils/vendor-schemas.server";

export const ResetPasswordSchema = z
  .object({ password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "reset.error.mismatch" });
