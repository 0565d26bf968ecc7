import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, NewPasswordFields, SubmitButton } from "~/components/form-field";
import { findPasswordToken, resetPasswordWithToken } from "~/models/password-reset.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { hashPassword } from "~/utils/password.server";
import { ResetPasswordSchema } from "~/forms/reset-password.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("reset.newTitle")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const reset = await findPasswordToken(db, params.token ?? "", now);
  return { locale: await getLocale(request), valid: !!reset, name: reset?.display_name ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const parsed = parseForm(ResetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const userId = await resetPasswordWithToken(
    db,
    params.token ?? "",
    await hashPassword(parsed.data.password),
    now,
  );
  if (!userId)
    return data({ errors: { form: "reset.error.invalidLink" as const } }, { status: 400 });
  return redirect("/login?passwordReset=1");
}

export default function ResetPassword() {
  const { valid, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const pending = useNavigation().state === "submitting";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  if (!valid) {
    return (
      <div className="page narrow">
        <h1>{t("reset.newTitle")}</h1>
        <p className="notice notice-error">{t("reset.error.invalidLink")}</p>
        <QuickLink to="/forgot-password" className="button button-primary">
          {t("reset.askAgain")}
        </QuickLink>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("reset.newTitle")}</h1>
      <p className="lead">{t("reset.newIntro", { name: name ?? "" })}</p>
      <FormError error={errors.form} />
      <Form method="post" className="card" noValidate>
        <NewPasswordFields errors={errors} />
        <SubmitButton
          pending={pending}
          label={t("reset.save")}
          pendingLabel={t("profile.saving")}
        />
      </Form>
    </div>
  );
}
