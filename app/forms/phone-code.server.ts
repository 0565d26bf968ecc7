// The form rules of the pages that take a code sent by SMS, on the server only.
import { z } from "zod";
import { passwordField, phoneField } from "~/utils/vendor-schemas.server";

export const codeField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "code.error.format");

export const VerifyPhoneSchema = z.object({ code: codeField });

export const PhoneResetSchema = z
  .object({
    phone: phoneField.refine((v) => v !== "", "code.error.phoneRequired"),
    code: codeField,
    password: passwordField,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "reset.error.mismatch" });

const requiredPhone = phoneField.refine((v) => v !== "", "code.error.phoneRequired");

export const ChangePhoneSchema = z.object({ phone: requiredPhone });

export const ConfirmPhoneSchema = z.object({ phone: requiredPhone, code: codeField });
