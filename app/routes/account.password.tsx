import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError, NewPasswordFields, SubmitButton } from "~/components/form-field";
import { deleteOtherSessions } from "~/models/session.server";
import { getPasswordHash, setPassword } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { readSessionId } from "~/utils/session.server";
import { NewPasswordSchema } from "~/forms/account-password.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("account.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { locale: await getLocale(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const user = await requireUser(request);
  const parsed = parseForm(NewPasswordSchema, await readFormData(request));
  if (!parsed.ok) return data({ errors: parsed.errors, saved: false }, { status: 400 });
  if (!(await verifyPassword(parsed.data.current, await getPasswordHash(db, user.id)))) {
    return data(
      { errors: { current: "account.error.currentWrong" as const }, saved: false },
      { status: 400 },
    );
  }
  await setPassword(db, user.id, await hashPassword(parsed.data.password), now);
  // Whoever knew the old password is logged out everywhere else.
  await deleteOtherSessions(db, user.id, await readSessionId(request));
  return { errors: {}, saved: true };
}

export default function AccountPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().formAction === "/account/password";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("account.title")}</h1>
      {actionData?.saved ? (
        <p className="notice notice-info" role="status">
          {t("account.saved")}
        </p>
      ) : null}
      <FormError error={errors.form} />
      <Form method="post" className="card" noValidate>
        <Field name="current" label={t("account.currentPassword")} error={errors.current}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required />}
        </Field>
        <NewPasswordFields errors={errors} />
        <SubmitButton
          pending={pending}
          label={t("account.change")}
          pendingLabel={t("profile.saving")}
        />
      </Form>
      <p className="hint">
        <QuickLink to="/account/phone">{t("phone.link")}</QuickLink>
      </p>
    </div>
  );
}
