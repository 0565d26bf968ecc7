// One labelled field with its error beside it, the same way on every form.
import { useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/locales/zh-CN";
import { useT, type Params } from "~/utils/i18n";

export function Field({
  name,
  label,
  error,
  errorParams,
  hint,
  children,
}: {
  name: string;
  label: string;
  error?: MessageKey;
  /** Values for the error's placeholders, such as a limit ("{max}"). */
  errorParams?: Params;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
}) {
  const t = useT();
  // A route's action sends the limits its errors name as `errorParams` (parseForm).
  const sent = useActionData() as { errorParams?: Record<string, Params> } | undefined;
  const params = errorParams ?? sent?.errorParams?.[name];
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id: name,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(error, params)}
        </p>
      ) : null}
    </div>
  );
}

/** The six digits of a code sent by SMS: the phone's number pad, and the code offered from the SMS. */
export function CodeField({ error }: { error?: MessageKey }) {
  const t = useT();
  return (
    <Field name="code" label={t("code.label")} error={error} hint={t("code.hint")}>
      {(p) => (
        <input
          {...p}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
        />
      )}
    </Field>
  );
}

/** A new password and the same again: setting, resetting or changing one. */
export function NewPasswordFields({ errors }: { errors: Partial<Record<string, MessageKey>> }) {
  const t = useT();
  return (
    <>
      <Field
        name="password"
        label={t("account.newPassword")}
        error={errors.password}
        hint={t("password.hint")}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" required />}
      </Field>
      <Field name="confirm" label={t("account.confirmPassword")} error={errors.confirm}>
        {(p) => <input {...p} type="password" autoComplete="new-password" required />}
      </Field>
    </>
  );
}

export function FormError({ error, params }: { error?: MessageKey; params?: Params }) {
  const t = useT();
  // As for a field: the action's `errorParams.form` fills the message's placeholders ("{minutes}").
  const sent = useActionData() as { errorParams?: Record<string, Params> } | undefined;
  if (!error) return null;
  return (
    <p className="notice notice-error" role="alert">
      {t(error, params ?? sent?.errorParams?.form)}
    </p>
  );
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <button type="submit" className="button button-primary button-block" disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}
