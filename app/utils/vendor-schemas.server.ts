// Field rules for a vendor's profile, shared by sign-up and profile editing.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "~/domain/passwords";

export const displayNameField = z
  .string()
  .trim()
  .min(1, "form.error.displayNameRequired")
  .max(40, "form.error.tooLong");
export const legalNameField = z
  .string()
  .trim()
  .min(1, "form.error.legalNameRequired")
  .max(40, "form.error.tooLong");
export const homeCommunityField = z.string().trim().max(60, "form.error.tooLong").default("");
export const categoryField = z
  .string()
  .min(1, "form.error.categoryRequired")
  .max(40, "form.error.categoryRequired");
export const productsField = z
  .string()
  .trim()
  .min(1, "form.error.productsRequired")
  .max(300, "form.error.tooLong");

export const passwordField = z
  .string()
  .max(MAX_PASSWORD_LENGTH, "password.error.tooLong")
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `password.error.${problem}` });
  });

/** Chinese mobile numbers: 11 digits starting with 1; spaces, dashes and +86 are dropped. */
export const phoneField = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, "").replace(/^\+86/, ""))
  // Mainland mobile numbers: 11 digits, 13x–19x (landlines and other countries cannot take SMS
  // through the mainland templates).
  .refine((v) => v === "" || /^1[3-9]\d{9}$/.test(v), "form.error.phoneInvalid");

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "form.error.emailInvalid")
  .refine((v) => v === "" || z.email().safeParse(v).success, "form.error.emailInvalid");
