// The step between signing up with a phone number and using the account: the person types the
// six-digit code sent to the number, proving it is theirs. Until then every signed-in page
// sends them here (requireUser); a new code can be asked for within the limits.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CodeField, FormError, SubmitButton } from "~/components/form-field";
import { VerifyPhoneSchema } from "~/forms/phone-code.server";
import { checkPhoneCode, hasLiveCode } from "~/models/phone-code.server";
import { getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { codeNotTaken, codeRefused, sendCode } from "~/utils/phone-codes.server";
import { maskPhone } from "~/domain/phone";
import { retryAfterHeaders } from "~/utils/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("code.verifyTitle")]);

export const headers = retryAfterHeaders;

async function pendingUser(request: Request) {
  const user = await getOptionalUser(request);
  const to = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/vendor");
  if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: "/verify-phone" })}`);
  if (!user.phone || user.phone_verified_at) throw redirect(to);
  return { user: { ...user, phone: user.phone }, to };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await pendingUser(request);
  return {
    locale: await getLocale(request),
    phone: maskPhone(user.phone),
    // Back later, or no code could be sent at sign-up (a limit): say so, and offer a new one.
    live: await hasLiveCode(db, user.phone, "verify", new Date()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, to } = await pendingUser(request);
  const form = await readFormData(request);
  if (form.get("intent") === "resend") {
    const sent = await sendCode({
      userId: user.id,
      phone: user.phone,
      purpose: "verify",
      locale: await getLocale(request),
      clientIp: context.clientIp,
    });
    if (!sent.ok) return codeRefused(sent);
    return { resent: true, errors: {} };
  }
  const parsed = parseForm(VerifyPhoneSchema, form);
  if (!parsed.ok)
    return data({ errors: parsed.errors, errorParams: parsed.errorParams }, { status: 400 });
  const checked = await checkPhoneCode(
    db,
    { phone: user.phone, purpose: "verify", code: parsed.data.code, userId: user.id },
    new Date(),
  );
  if (checked.ok) return redirect(to);
  return codeNotTaken(checked);
}

export default function VerifyPhone() {
  const { phone, live } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const intent = navigation.formData?.get("intent");
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("code.verifyTitle")}</h1>
      <p className="lead">
        {live || actionData ? t("code.verifyIntro", { phone }) : t("code.verifyAskNew", { phone })}
      </p>
      {actionData && "resent" in actionData ? (
        <p className="notice notice-info" role="status">
          {t("code.resent", { phone })}
        </p>
      ) : null}
      <FormError error={errors.form} />
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="verify" />
        <CodeField error={errors.code} />
        <SubmitButton
          pending={busy && intent === "verify"}
          label={t("code.confirm")}
          pendingLabel={t("code.confirming")}
        />
      </Form>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="resend" />
        <p className="hint">{t("code.noCode")}</p>
        <button type="submit" className="button button-quiet" disabled={busy}>
          {busy && intent === "resend" ? t("code.sending") : t("code.resend")}
        </button>
      </Form>
    </div>
  );
}
