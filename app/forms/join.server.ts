// The form rules of app/routes/join.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import {
  categoryField,
  displayNameField,
  emailField,
  homeCommunityField,
  legalNameField,
  passwordField,
  phoneField,
  productsField,
} from "~/utils/vendor-schemas.server";

export const JoinSchema = z
  .object({
    phone: phoneField,
    email: emailField,
    password: passwordField,
    displayName: displayNameField,
    legalName: legalNameField,
    homeCommunity: homeCommunityField,
    category: categoryField,
    products: productsField,
    agree: z.literal("on", { message: "join.error.agreeRequired" }),
    // A field people never see: only a bot fills it in.
    website: z.string().max(0, "join.error.bot").default(""),
  })
  .refine((v) => v.phone !== "" || v.email !== "", {
    path: ["phone"],
    message: "join.error.contactRequired",
  });
