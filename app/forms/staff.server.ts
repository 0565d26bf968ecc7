// The form rules of app/routes/manage.staff.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { displayNameField, emailField, phoneField } from "~/utils/vendor-schemas.server";

export const CreateSchema = z
  .object({
    intent: z.literal("create"),
    role: z.enum(["manager", "clerk"]).default("manager"),
    displayName: displayNameField,
    phone: phoneField,
    email: emailField,
  })
  .refine((v) => v.phone !== "" || v.email !== "", {
    path: ["phone"],
    message: "join.error.contactRequired",
  });
