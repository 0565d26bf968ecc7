// Reads a form with a zod schema whose messages are message keys, so that the page can show
// each field's error in the reader's language.
import type { z } from "zod";
import { allZhCN } from "~/locales/all";
import type { MessageKey } from "~/locales/zh-CN";

/**
 * The submitted form, or an empty one when the body is not a form at all (JSON, plain text, a
 * broken multipart body), so that the schema answers 400 with its messages instead of a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

export type FieldErrors<T> = Partial<Record<keyof T | "form", MessageKey>>;
/** Values for an error's placeholders, by field: the limit a value passed ("{max}"). */
export type FieldErrorParams = Record<string, Record<string, number>>;

export function parseForm<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  formData: FormData,
):
  | { ok: true; data: z.infer<S> }
  | { ok: false; errors: FieldErrors<z.infer<S>>; errorParams: FieldErrorParams } {
  const values: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData) values[key] = value;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, MessageKey> = {};
  const errorParams: FieldErrorParams = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    errors[field] = messageOf(issue, values[field]);
    // A limit is a parameter of its message, never part of the key ("最多 {max} 个字").
    if (issue.code === "too_big") errorParams[field] = { max: Number(issue.maximum) };
    if (issue.code === "too_small") errorParams[field] = { min: Number(issue.minimum) };
  }
  return { ok: false, errors: errors as FieldErrors<z.infer<S>>, errorParams };
}

/**
 * A schema's own message key, or a general one when the value failed a check the schema gave no
 * message for (a field left out of the form, a value of the wrong kind): zod's English must
 * never reach the page.
 */
function messageOf(issue: z.core.$ZodIssue, value: unknown): MessageKey {
  if (Object.hasOwn(allZhCN, issue.message)) return issue.message as MessageKey;
  return value === undefined ? "error.field.missing" : "error.field.invalid";
}
