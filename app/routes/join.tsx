import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/form-field";
import { VendorProfileFields } from "~/components/vendor-profile-fields";
import { MARKET_RULES, MARKET_RULES_VERSION } from "~/domain/market-rules";
import { listCategories } from "~/models/category.server";
import { registerVendor } from "~/models/vendor.server";
import { getOptionalUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { hashPassword } from "~/utils/password.server";
import {
  countAttempt,
  LIMITS,
  limitWait,
  tooManyAttempts,
  retryAfterHeaders,
} from "~/utils/rate-limit.server";
import { startSession } from "~/utils/session.server";
import { JoinSchema } from "~/forms/join.server";
import { sendCode } from "~/utils/phone-codes.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("join.title")]);

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/vendor");
  const [locale, categories] = await Promise.all([getLocale(request), listCategories(db)]);
  return { locale, categories };
}

const KEPT_FIELDS = [
  "phone",
  "email",
  "displayName",
  "legalName",
  "homeCommunity",
  "category",
  "products",
] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const now = new Date();
  const formData = await readFormData(request);
  const values = Object.fromEntries(
    KEPT_FIELDS.map((k) => [k, String(formData.get(k) ?? "").slice(0, 300)]),
  );
  const parsed = parseForm(JoinSchema, formData);
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, errorParams: parsed.errorParams, values },
      { status: 400 },
    );

  const keys = [`signup-ip:${context.clientIp}`];
  const wait = await limitWait(keys, LIMITS.signUp);
  if (wait > 0) return tooManyAttempts(wait);

  const categories = await listCategories(db);
  if (!categories.some((c) => c.slug === parsed.data.category)) {
    return data(
      { errors: { category: "form.error.categoryRequired" as const }, values },
      { status: 400 },
    );
  }

  const result = await registerVendor(
    db,
    {
      phone: parsed.data.phone || null,
      email: parsed.data.email || null,
      passwordHash: await hashPassword(parsed.data.password),
      displayName: parsed.data.displayName,
      legalName: parsed.data.legalName,
      homeCommunity: parsed.data.homeCommunity,
      categorySlug: parsed.data.category,
      products: parsed.data.products,
      rulesVersion: MARKET_RULES_VERSION,
    },
    now,
  );
  if (!result.ok) {
    const errors =
      result.code === "phoneTaken"
        ? { phone: "join.error.phoneTaken" as const }
        : { email: "join.error.emailTaken" as const };
    return data({ errors, values }, { status: 400 });
  }
  await countAttempt(keys);
  // A phone number is proved by a code before the account is used (/verify-phone); a refusal
  // to send one now (a limit) is said there, where a new code can be asked for.
  if (parsed.data.phone) {
    await sendCode({
      userId: result.userId,
      phone: parsed.data.phone,
      purpose: "verify",
      locale: await getLocale(request),
      clientIp: context.clientIp,
    });
    return startSession(
      request,
      result.userId,
      `/verify-phone?${new URLSearchParams({ redirectTo: "/vendor?welcome=1" })}`,
    );
  }
  return startSession(request, result.userId, "/vendor?welcome=1");
}

export default function Join() {
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const pending = useNavigation().formAction === "/join";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const values: Record<string, string> =
    actionData && "values" in actionData ? actionData.values : {};

  return (
    <div className="page narrow">
      <h1>{t("join.title")}</h1>
      <p className="lead">{t("join.intro")}</p>
      <FormError error={errors.form ?? errors.website} />
      <Form method="post" className="card" noValidate>
        <fieldset className="fieldset">
          <legend>{t("join.contactLegend")}</legend>
          <p className="hint">{t("join.contactHint")}</p>
          <Field name="phone" label={t("join.phone")} error={errors.phone}>
            {(p) => (
              <input
                {...p}
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                defaultValue={values.phone}
              />
            )}
          </Field>
          <Field name="email" label={t("join.email")} error={errors.email}>
            {(p) => <input {...p} type="email" autoComplete="email" defaultValue={values.email} />}
          </Field>
          <Field
            name="password"
            label={t("join.password")}
            error={errors.password}
            hint={t("password.hint")}
          >
            {(p) => <input {...p} type="password" autoComplete="new-password" required />}
          </Field>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("join.stallLegend")}</legend>
          <VendorProfileFields
            values={values}
            errors={errors}
            categories={categories}
            editing={false}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("join.rulesLegend", { version: MARKET_RULES_VERSION })}</legend>
          <ol className="rules">
            {MARKET_RULES[locale].map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ol>
          <div className="checkbox">
            <input
              type="checkbox"
              id="agree"
              name="agree"
              required
              aria-invalid={errors.agree ? true : undefined}
              aria-describedby={errors.agree ? "agree-error" : undefined}
            />
            <label htmlFor="agree">{t("join.agree")}</label>
          </div>
          {errors.agree ? (
            <p className="field-error" id="agree-error">
              {t(errors.agree)}
            </p>
          ) : null}
        </fieldset>
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <SubmitButton pending={pending} label={t("join.submit")} pendingLabel={t("join.pending")} />
      </Form>
      <p className="hint">
        {t("join.haveAccount")} <QuickLink to="/login">{t("nav.login")}</QuickLink>
      </p>
    </div>
  );
}
