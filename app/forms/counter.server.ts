// The form rules of the service counter's page (app/routes/counter._index.tsx), on the server only.
import { z } from "zod";
import {
  categoryField,
  displayNameField,
  homeCommunityField,
  legalNameField,
  phoneField,
  productsField,
} from "~/utils/vendor-schemas.server";

const requiredPhone = phoneField.refine((v) => v !== "", "code.error.phoneRequired");
const vendorId = z.coerce.number().int().positive();
/** A code the vendor reads out, or empty when a signed form is scanned instead. */
const consentCode = z
  .string()
  .trim()
  .default("")
  .refine((v) => v === "" || /^\d{6}$/.test(v), "code.error.format");
const method = z.enum(["sms_code", "signed_form"], { message: "counter.error.method" });

export const CounterActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("find"), phone: requiredPhone }),
  z.object({ intent: z.literal("sendCode"), phone: requiredPhone }),
  z.object({ intent: z.literal("act"), vendorId }),
  z.object({ intent: z.literal("stop") }),
]);

export const ConsentSchema = z.object({
  intent: z.literal("consent"),
  vendorId,
  phone: requiredPhone,
  method,
  code: consentCode,
});

export const CounterRegisterSchema = z.object({
  intent: z.literal("register"),
  phone: requiredPhone,
  displayName: displayNameField,
  legalName: legalNameField,
  homeCommunity: homeCommunityField,
  category: categoryField,
  products: productsField,
  method,
  code: consentCode,
});
