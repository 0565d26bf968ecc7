// The stall-profile fields, the same at sign-up and when a vendor edits their profile.
import type { MessageKey } from "~/locales/zh-CN";
import { useLocale, useT } from "~/utils/i18n";
import { Field } from "./form-field";

export interface CategoryOption {
  slug: string;
  name_zh: string;
  name_en: string;
}

export function VendorProfileFields({
  values,
  errors,
  categories,
  editing,
}: {
  values: Record<string, string | undefined>;
  errors: Partial<Record<string, MessageKey>>;
  categories: CategoryOption[];
  /** Editing an existing profile: a new legal name or category goes back to review. */
  editing: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const reviewHint = editing ? t("profile.reviewHint") : undefined;
  return (
    <>
      <Field
        name="displayName"
        label={t("join.displayName")}
        error={errors.displayName}
        hint={t("join.displayNameHint")}
      >
        {(p) => <input {...p} required maxLength={40} defaultValue={values.displayName} />}
      </Field>
      <Field
        name="legalName"
        label={t("join.legalName")}
        error={errors.legalName}
        hint={reviewHint ?? t("join.legalNameHint")}
      >
        {(p) => (
          <input
            {...p}
            required
            maxLength={40}
            autoComplete="name"
            defaultValue={values.legalName}
          />
        )}
      </Field>
      <Field name="homeCommunity" label={t("join.homeCommunity")} error={errors.homeCommunity}>
        {(p) => <input {...p} maxLength={60} defaultValue={values.homeCommunity} />}
      </Field>
      <Field name="category" label={t("join.category")} error={errors.category} hint={reviewHint}>
        {(p) => (
          <select {...p} required defaultValue={values.category ?? ""}>
            {editing ? null : (
              <option value="" disabled>
                {t("join.categoryChoose")}
              </option>
            )}
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {locale === "en" ? c.name_en : c.name_zh}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="products"
        label={t("join.products")}
        error={errors.products}
        hint={editing ? undefined : t("join.productsHint")}
      >
        {(p) => (
          <textarea {...p} required rows={3} maxLength={300} defaultValue={values.products} />
        )}
      </Field>
    </>
  );
}
