// Reads a form with a zod schema whose messages are message keys, so that the page can show
// each field's error in the reader's language.
import type { z } from "zod";
import type { MessageKey } from "~/locales/zh-CN";

export type FieldErrors<T> = Partial<Record<keyof T | "form", MessageKey>>;

export function parseForm<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors<z.infer<S>> } {
  const values: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData) values[key] = value;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, MessageKey> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message as MessageKey;
  }
  return { ok: false, errors: errors as FieldErrors<z.infer<S>> };
}
