import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { Role } from "#db/schema";
import { authenticate, getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { normalizeIdentifier } from "~/models/user.server";
import {
  countAttempt,
  LIMITS,
  limitWait,
  tooManyAttempts,
  retryAfterHeaders,
} from "~/utils/rate-limit.server";
import { startSession } from "~/utils/session.server";
import { LoginSchema } from "~/forms/login.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("login.title")]);

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo"), homeFor(user.role)));
  return { locale: await getLocale(request) };
}

function homeFor(role: Role) {
  return role === "vendor" ? "/vendor" : role === "clerk" ? "/counter" : "/manage";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(LoginSchema, formData);
  const identifier = String(formData.get("identifier") ?? "").slice(0, 254);
  if (!parsed.ok) return data({ errors: parsed.errors, identifier }, { status: 400 });

  // Ten failed attempts a minute, from one address or at one account, and then a pause.
  const account = normalizeIdentifier(parsed.data.identifier);
  const keys = [
    `login-ip:${context.clientIp}`,
    `login-account:${"email" in account ? account.email : account.phone}`,
  ];
  const wait = await limitWait(keys, LIMITS.login);
  if (wait > 0) return tooManyAttempts(wait);

  const user = await authenticate(parsed.data.identifier, parsed.data.password);
  if (!user) {
    await countAttempt(keys);
    return data({ errors: { form: "login.error.invalid" as const }, identifier }, { status: 400 });
  }
  return startSession(request, user.id, safeRedirect(parsed.data.redirectTo, homeFor(user.role)));
}

export default function Login() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const pending = navigation.state !== "idle" && navigation.formAction === "/login";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const notice = searchParams.get("loggedOut")
    ? t("login.loggedOut")
    : searchParams.get("passwordReset")
      ? t("reset.done")
      : null;

  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <p className="lead">{t("login.intro")}</p>
      {notice && !actionData ? (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      ) : null}
      {errors.form ? (
        <p className="notice notice-error" role="alert" id="form-error">
          {t(errors.form)}
        </p>
      ) : null}
      <Form
        method="post"
        className="card"
        noValidate
        aria-describedby={errors.form ? "form-error" : undefined}
      >
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor="identifier">{t("login.identifier")}</label>
          <input
            id="identifier"
            name="identifier"
            type="text"
            inputMode="email"
            autoComplete="username"
            required
            defaultValue={actionData && "identifier" in actionData ? actionData.identifier : ""}
            aria-invalid={errors.identifier ? true : undefined}
            aria-describedby={errors.identifier ? "identifier-error" : undefined}
          />
          {errors.identifier ? (
            <p className="field-error" id="identifier-error">
              {t(errors.identifier)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
          />
          {errors.password ? (
            <p className="field-error" id="password-error">
              {t(errors.password)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? t("login.pending") : t("login.submit")}
        </button>
      </Form>
      <p className="actions login-links">
        <QuickLink to="/forgot-password">{t("login.forgot")}</QuickLink>
        <span>
          {t("login.noAccount")} <QuickLink to="/join">{t("join.cta")}</QuickLink>
        </span>
      </p>
      <p className="hint">{t("login.demoHint")}</p>
    </div>
  );
}
