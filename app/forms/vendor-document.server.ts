// The form rules of app/routes/vendor.documents.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { type DocumentKind } from "#db/schema";
import { DOCUMENT_KINDS } from "~/domain/documents";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const DocumentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]], {
    message: "documents.error.kindRequired",
  }),
  expiresOn: z
    .string()
    .regex(isoDate, "documents.error.dateInvalid")
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      "documents.error.dateInvalid",
    ),
});
