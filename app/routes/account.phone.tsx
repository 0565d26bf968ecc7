// A new phone number for an account: a code goes to the new number, and the number becomes the
// account's only when the code is typed back. SMS about bookings then go to it.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CodeField, Field, FormError, SubmitButton } from "~/components/form-field";
import { ChangePhoneSchema, ConfirmPhoneSchema } from "~/forms/phone-code.server";
import { checkPhoneCode, phoneHeldByOther } from "~/models/phone-code.server";
import { getSmsReminders, setSmsReminders } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { codeNotTaken, codeRefused, sendCode } from "~/utils/phone-codes.server";
import { maskPhone } from "~/domain/phone";
import { retryAfterHeaders } from "~/utils/rate-limit.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("phone.title")]);

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  return {
    locale: await getLocale(request),
    phone: user.phone ? maskPhone(user.phone) : null,
    reminders: await getSmsReminders(db, user.id),
    changed: search.has("changed"),
    remindersSaved: search.has("reminders"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  if (form.get("intent") === "reminders") {
    await setSmsReminders(db, user.id, form.get("reminders") === "on");
    return redirect("/account/phone?reminders=1");
  }
  if (form.get("intent") === "confirm") {
    const parsed = parseForm(ConfirmPhoneSchema, form);
    if (!parsed.ok)
      return data(
        {
          errors: parsed.errors,
          errorParams: parsed.errorParams,
          sentTo: String(form.get("phone") ?? ""),
        },
        { status: 400 },
      );
    const checked = await checkPhoneCode(
      db,
      { phone: parsed.data.phone, purpose: "change", code: parsed.data.code, userId: user.id },
      new Date(),
    );
    if (checked.ok) return redirect("/account/phone?changed=1");
    return codeNotTaken(checked, { sentTo: parsed.data.phone });
  }
  const parsed = parseForm(ChangePhoneSchema, form);
  if (!parsed.ok)
    return data({ errors: parsed.errors, errorParams: parsed.errorParams }, { status: 400 });
  const phone = parsed.data.phone;
  if (phone === user.phone)
    return data({ errors: { phone: "phone.error.same" as const } }, { status: 400 });
  if (await phoneHeldByOther(db, phone, user.id))
    return data({ errors: { phone: "join.error.phoneTaken" as const } }, { status: 400 });
  const sent = await sendCode({
    userId: user.id,
    phone,
    purpose: "change",
    locale: await getLocale(request),
    clientIp: context.clientIp,
  });
  if (!sent.ok) return codeRefused(sent);
  return { errors: {}, sentTo: phone };
}

export default function AccountPhone() {
  const { phone, changed, reminders, remindersSaved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : "";
  return (
    <div className="page narrow">
      <h1>{t("phone.title")}</h1>
      <p className="lead">
        {phone ? t("phone.current", { phone }) : t("phone.none")} {t("phone.intro")}
      </p>
      {changed ? (
        <p className="notice notice-info" role="status">
          {t("phone.changed")}
        </p>
      ) : null}
      <FormError error={errors.form} />
      {sentTo ? (
        <Form method="post" className="card" noValidate>
          <p>{t("phone.codeSent", { phone: maskPhone(sentTo) })}</p>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="phone" value={sentTo} />
          <CodeField error={errors.code} />
          <SubmitButton
            pending={busy}
            label={t("code.confirm")}
            pendingLabel={t("code.confirming")}
          />
        </Form>
      ) : (
        <Form method="post" className="card" noValidate>
          <input type="hidden" name="intent" value="send" />
          <Field name="phone" label={t("phone.new")} error={errors.phone}>
            {(p) => <input {...p} type="tel" inputMode="tel" autoComplete="tel" required />}
          </Field>
          <SubmitButton pending={busy} label={t("phone.send")} pendingLabel={t("code.sending")} />
        </Form>
      )}
      <h2>{t("phone.remindersTitle")}</h2>
      {remindersSaved ? (
        <p className="notice notice-info" role="status">
          {t("phone.remindersSaved")}
        </p>
      ) : null}
      <Form method="post" className="card stack">
        <input type="hidden" name="intent" value="reminders" />
        <label className="check">
          <input type="checkbox" name="reminders" defaultChecked={reminders} />
          <span>{t("phone.reminders")}</span>
        </label>
        <p className="hint">{t("phone.remindersHint")}</p>
        <button type="submit" className="button button-quiet" disabled={busy}>
          {t("phone.remindersSave")}
        </button>
      </Form>
      <p className="hint">
        <QuickLink to="/account/password">{t("account.title")}</QuickLink>
      </p>
    </div>
  );
}
