// A forgotten password, for a person who signed up with a phone: the code sent by SMS and a new
// password, on one page. The same page whether or not the number has an account, so nobody can
// probe for accounts; a wrong code counts against the code's five tries.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  CodeField,
  Field,
  FormError,
  NewPasswordFields,
  SubmitButton,
} from "~/components/form-field";
import { PhoneResetSchema } from "~/forms/phone-code.server";
import { resetPasswordWithCode } from "~/models/password-reset.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { hashPassword } from "~/utils/password.server";
import { codeNotTaken } from "~/utils/phone-codes.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("reset.newTitle")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const phone = new URL(request.url).searchParams.get("phone") ?? "";
  return { locale: await getLocale(request), phone: /^1\d{10}$/.test(phone) ? phone : "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(PhoneResetSchema, await readFormData(request));
  if (!parsed.ok)
    return data({ errors: parsed.errors, errorParams: parsed.errorParams }, { status: 400 });
  const result = await resetPasswordWithCode(
    db,
    {
      phone: parsed.data.phone,
      code: parsed.data.code,
      passwordHash: await hashPassword(parsed.data.password),
    },
    new Date(),
  );
  if (result.ok) return redirect("/login?passwordReset=1");
  return codeNotTaken(result);
}

export default function ResetByPhone() {
  const { phone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const pending = useNavigation().state === "submitting";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  return (
    <div className="page narrow">
      <h1>{t("reset.newTitle")}</h1>
      <p className="lead">{t("code.resetIntro")}</p>
      <FormError error={errors.form} />
      <Form method="post" className="card" noValidate>
        <Field name="phone" label={t("join.phone")} error={errors.phone}>
          {(p) => (
            <input
              {...p}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              defaultValue={phone}
              required
            />
          )}
        </Field>
        <CodeField error={errors.code} />
        <NewPasswordFields errors={errors} />
        <SubmitButton
          pending={pending}
          label={t("reset.save")}
          pendingLabel={t("profile.saving")}
        />
      </Form>
      <p>
        <QuickLink to="/forgot-password">{t("code.askAgain")}</QuickLink>
      </p>
    </div>
  );
}
