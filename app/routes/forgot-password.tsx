import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/form-field";
import { findContactForReset, normalizeIdentifier } from "~/models/user.server";
import { RESET_LIFETIME_MS } from "~/models/password-reset.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { sendPasswordLink } from "~/utils/password-links.server";
import { codeRefused, sendCode } from "~/utils/phone-codes.server";
import {
  countAttempt,
  LIMITS,
  limitWait,
  tooManyAttempts,
  retryAfterHeaders,
} from "~/utils/rate-limit.server";
import { ForgotPasswordSchema } from "~/forms/forgot-password.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("reset.title")]);

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm(ForgotPasswordSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, sent: false }, { status: 400 });
  const key = normalizeIdentifier(parsed.data.identifier);
  const keys = [
    `reset-ip:${context.clientIp}`,
    `reset-account:${"email" in key ? key.email : key.phone}`,
  ];
  const wait = await limitWait(keys, LIMITS.passwordReset);
  if (wait > 0) return tooManyAttempts(wait);
  await countAttempt(keys);
  const user = await findContactForReset(db, parsed.data.identifier);
  if ("phone" in key) {
    // A phone gets a code by SMS, typed on the next page with the new password. The same next
    // page whether or not the number has an account, so nobody can probe for accounts.
    if (user?.phone) {
      const sent = await sendCode({
        userId: user.id,
        phone: user.phone,
        purpose: "reset",
        locale: await getLocale(request),
        clientIp: context.clientIp,
      });
      if (!sent.ok) return codeRefused(sent);
    }
    return redirect(`/reset-password/phone?${new URLSearchParams({ phone: key.phone })}`);
  }
  if (user) await sendPasswordLink(user, "reset", RESET_LIFETIME_MS);
  // The same answer whether or not the account exists, so nobody can probe for accounts.
  return { errors: {}, sent: true };
}

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().formAction === "/forgot-password";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("reset.title")}</h1>
      {actionData && "sent" in actionData && actionData.sent ? (
        <p className="notice notice-info" role="status">
          {t("reset.sent")}
        </p>
      ) : (
        <>
          <p className="lead">{t("reset.intro")}</p>
          <FormError error={errors.form} />
          <Form method="post" className="card" noValidate>
            <Field name="identifier" label={t("login.identifier")} error={errors.identifier}>
              {(p) => <input {...p} type="text" autoComplete="username" required />}
            </Field>
            <SubmitButton
              pending={pending}
              label={t("reset.send")}
              pendingLabel={t("reset.sending")}
            />
          </Form>
        </>
      )}
      <p className="hint">
        <QuickLink to="/login">{t("reset.backToLogin")}</QuickLink>
      </p>
    </div>
  );
}
