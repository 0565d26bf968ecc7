// The form rules of app/routes/account.password.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { passwordField } from "~/utils/vendor-schemas.server";

export const NewPasswordSchema = z
  .object({
    current: z.string().min(1, "login.error.passwordRequired").max(1024, "login.error.invalid"),
    password: passwordField,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "reset.error.mismatch" });
