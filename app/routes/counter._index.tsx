// The service counter (代办窗口): a clerk finds a vendor by phone number, registers one who has
// no smartphone, records their consent (a code sent to their phone, or a scan of the signed
// form), and then acts for them on the vendor's own pages. docs/decisions/019-service-counter.md
import "~/locales/staff";
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
import { maskPhone } from "~/domain/phone";
import { MARKET_RULES_VERSION } from "~/domain/market-rules";
import { ConsentSchema, CounterActionSchema, CounterRegisterSchema } from "~/forms/counter.server";
import { listCategories } from "~/models/category.server";
import {
  addConsent,
  checkConsentCode,
  COUNTER_NO_PASSWORD,
  counterVendors,
  findVendorByPhone,
  startActing,
  stopActing,
} from "~/models/counter.server";
import { registerVendor } from "~/models/vendor.server";
import { listZonesWithSchedule } from "~/models/zone.server";
import { requireClerk } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readScanUpload } from "~/utils/document-upload.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { localized, useT, type Params } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { codeNotTaken, codeRefused, sendCode } from "~/utils/phone-codes.server";
import { retryAfterHeaders } from "~/utils/rate-limit.server";
import { readSessionId } from "~/utils/session.server";
import { storeUpload, uploadOwner } from "~/utils/upload-store.server";
import type { MessageKey } from "~/locales/zh-CN";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("counter.title")]);

export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, zoneIds } = await requireClerk(request);
  const locale = await getLocale(request);
  const [vendors, zones, categories] = await Promise.all([
    counterVendors(db, user.id),
    listZonesWithSchedule(db, { activeOnly: false }),
    listCategories(db),
  ]);
  return {
    locale,
    clerk: user.display_name,
    zones: zones.filter((z) => zoneIds.includes(z.id)).map((z) => localized(z, "name", locale)),
    categories,
    vendors: vendors.map((v) => ({ ...v, phone: v.phone ? maskPhone(v.phone) : "" })),
  };
}

const KEPT = [
  "phone",
  "displayName",
  "legalName",
  "homeCommunity",
  "category",
  "products",
  "method",
] as const;

type Stage = { step: "register" } | { step: "consent"; vendor: { id: number; name: string } };

/** What the page shows after an answer: the step the clerk is on, with what they typed. */
function answer(
  stage: Stage | null,
  fields: FormData,
  extra: {
    errors?: Partial<Record<string, MessageKey>>;
    errorParams?: Record<string, Params>;
    codeSent?: boolean;
  } = {},
  init?: ResponseInit,
) {
  const values = Object.fromEntries(
    KEPT.map((k) => [k, String(fields.get(k) ?? "").slice(0, 300)]),
  );
  return data(
    {
      stage,
      values,
      errors: extra.errors ?? {},
      errorParams: extra.errorParams ?? {},
      codeSent: extra.codeSent ?? false,
    },
    init,
  );
}

/** The consent the vendor gave at the counter: the code they read out, or the signed form's scan. */
async function takeConsent(
  file: { bytes: Uint8Array; type: { ext: "jpg" | "png" | "pdf"; contentType: string } } | null,
  input: {
    phone: string;
    method: "sms_code" | "signed_form";
    code: string;
    clerkId: number;
    clientIp: string;
  },
  now: Date,
): Promise<
  | { ok: true; storedName: string | null; contentType: string | null }
  | {
      ok: false;
      errors: Partial<Record<string, MessageKey>>;
      status: number;
      params?: Record<string, Params>;
    }
> {
  if (input.method === "sms_code") {
    if (!input.code) return { ok: false, errors: { code: "code.error.format" }, status: 400 };
    const checked = await checkConsentCode(
      db,
      { phone: input.phone, code: input.code, clerkUserId: input.clerkId },
      now,
    );
    if (!checked.ok) {
      const refused = codeNotTaken(checked);
      return {
        ok: false,
        errors: refused.data.errors,
        params: refused.data.errorParams as Record<string, Params>,
        status: 400,
      };
    }
    return { ok: true, storedName: null, contentType: null };
  }
  if (!file) return { ok: false, errors: { consentForm: "counter.error.formScan" }, status: 400 };
  const stored = await storeUpload(
    {
      owner: uploadOwner(input.clerkId, input.clientIp),
      purpose: "document",
      bytes: file.bytes,
      ext: file.type.ext,
    },
    now,
  );
  if (!stored.ok)
    return {
      ok: false,
      errors: { consentForm: stored.error },
      params: { consentForm: stored.params ?? {} },
      status: stored.status,
    };
  return { ok: true, storedName: stored.name, contentType: file.type.contentType };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const now = new Date();
  const { user: clerk } = await requireClerk(request);
  const sessionId = (await readSessionId(request))!;
  // The consent and registration forms carry a scan of the signed form; the rest are small.
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/");
  const upload = multipart ? await readScanUpload(request, "consentForm") : null;
  if (upload && !upload.ok && !upload.fields)
    return data(
      { stage: null, values: {}, errors: { form: upload.error }, errorParams: {}, codeSent: false },
      { status: upload.status },
    );
  const fields = upload ? upload.fields! : await readFormData(request);
  const intent = String(fields.get("intent") ?? "");
  const vendorIdField = Number(fields.get("vendorId"));
  const stage: Stage =
    Number.isSafeInteger(vendorIdField) && vendorIdField > 0
      ? {
          step: "consent",
          vendor: { id: vendorIdField, name: String(fields.get("vendorName") ?? "") },
        }
      : { step: "register" };

  /** The same step again, with what went wrong beside the fields. */
  const refuse = (
    errors: Partial<Record<string, MessageKey>>,
    status = 400,
    errorParams: Record<string, Params> = {},
    at: Stage | null = stage,
  ) => answer(at, fields, { errors, errorParams }, { status });

  if (intent === "consent" || intent === "register") {
    if (upload && !upload.ok) return refuse({ consentForm: upload.error }, upload.status);
    const file = upload?.ok ? upload.file : null;
    if (intent === "consent") {
      const parsed = parseForm(ConsentSchema, fields);
      if (!parsed.ok) return refuse(parsed.errors, 400, parsed.errorParams);
      const found = await findVendorByPhone(db, parsed.data.phone);
      if (!found || found.id !== parsed.data.vendorId)
        return refuse({ phone: "counter.error.notFound" }, 400, {}, { step: "register" });
      const consent = await takeConsent(
        file,
        { ...parsed.data, clerkId: clerk.id, clientIp: context.clientIp },
        now,
      );
      if (!consent.ok) return refuse(consent.errors, consent.status, consent.params);
      await addConsent(
        db,
        { vendorId: found.id, clerkUserId: clerk.id, method: parsed.data.method, ...consent },
        now,
      );
      await startActing(db, { sessionId, clerkUserId: clerk.id, vendorId: found.id }, now);
      return redirect("/vendor");
    }
    const parsed = parseForm(CounterRegisterSchema, fields);
    if (!parsed.ok) return refuse(parsed.errors, 400, parsed.errorParams);
    const categories = await listCategories(db);
    if (!categories.some((c) => c.slug === parsed.data.category))
      return refuse({ category: "form.error.categoryRequired" });
    const consent = await takeConsent(
      file,
      { ...parsed.data, clerkId: clerk.id, clientIp: context.clientIp },
      now,
    );
    if (!consent.ok) return refuse(consent.errors, consent.status, consent.params);
    const result = await registerVendor(
      db,
      {
        phone: parsed.data.phone,
        email: null,
        passwordHash: COUNTER_NO_PASSWORD,
        displayName: parsed.data.displayName,
        legalName: parsed.data.legalName,
        homeCommunity: parsed.data.homeCommunity,
        categorySlug: parsed.data.category,
        products: parsed.data.products,
        rulesVersion: MARKET_RULES_VERSION,
        counter: { clerkUserId: clerk.id, method: parsed.data.method, ...consent },
      },
      now,
    );
    if (!result.ok) return refuse({ phone: "join.error.phoneTaken" });
    await startActing(db, { sessionId, clerkUserId: clerk.id, vendorId: result.vendorId }, now);
    return redirect("/vendor/documents?counter=registered");
  }

  const parsed = parseForm(CounterActionSchema, fields);
  // A number that cannot be looked up is said beside the search field, no step opened.
  if (!parsed.ok)
    return refuse(parsed.errors, 400, parsed.errorParams, intent === "find" ? null : stage);
  const asked = parsed.data;
  if (asked.intent === "stop") {
    await stopActing(db, sessionId);
    return redirect("/counter");
  }
  if (asked.intent === "act") {
    const started = await startActing(
      db,
      { sessionId, clerkUserId: clerk.id, vendorId: asked.vendorId },
      now,
    );
    if (!started.ok) return refuse({ form: "counter.error.noConsent" }, 403);
    return redirect("/vendor");
  }
  if (asked.intent === "sendCode") {
    const sent = await sendCode({
      userId: clerk.id,
      phone: asked.phone,
      purpose: "consent",
      locale: await getLocale(request),
      clientIp: context.clientIp,
    });
    if (!sent.ok) {
      const refused = codeRefused(sent);
      return answer(
        stage,
        fields,
        { errors: refused.data.errors, errorParams: refused.data.errorParams },
        { status: 429, headers: { "Retry-After": String(sent.retryAfter) } },
      );
    }
    return answer(stage, fields, { codeSent: true });
  }
  // Find: a vendor who consented is acted for at once; one who has not is asked; no account,
  // the registration form.
  const found = await findVendorByPhone(db, asked.phone);
  if (found?.consent) {
    await startActing(db, { sessionId, clerkUserId: clerk.id, vendorId: found.id }, now);
    return redirect("/vendor");
  }
  if (found)
    return answer({ step: "consent", vendor: { id: found.id, name: found.display_name } }, fields);
  return answer({ step: "register" }, fields);
}

export default function Counter() {
  const { clerk, zones, vendors, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/counter";
  const errors: Partial<Record<string, MessageKey>> = actionData?.errors ?? {};
  const errorParams = (actionData?.errorParams ?? {}) as Record<string, Params>;
  const values: Record<string, string> = actionData?.values ?? {};
  const stage = actionData?.stage ?? null;

  const consentFields = (
    <fieldset className="fieldset">
      <legend>{t("counter.consent.legend")}</legend>
      <p className="hint">{t("counter.consent.hint")}</p>
      <div className="radio-list">
        <label className="checkbox">
          <input
            type="radio"
            name="method"
            value="sms_code"
            defaultChecked={values.method !== "signed_form"}
          />
          {t("counter.consent.byCode")}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="method"
            value="signed_form"
            defaultChecked={values.method === "signed_form"}
          />
          {t("counter.consent.byForm")}
        </label>
      </div>
      {actionData?.codeSent ? (
        <p className="notice notice-info" role="status">
          {t("counter.consent.codeSent", { phone: values.phone ?? "" })}
        </p>
      ) : null}
      <p>
        <button
          type="submit"
          name="intent"
          value="sendCode"
          formNoValidate
          className="button button-quiet"
          disabled={busy}
        >
          {t("counter.consent.sendCode")}
        </button>
      </p>
      <Field
        name="code"
        label={t("counter.consent.code")}
        error={errors.code}
        errorParams={errorParams.code}
      >
        {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={6} />}
      </Field>
      <Field
        name="consentForm"
        label={t("counter.consent.scan")}
        error={errors.consentForm}
        errorParams={errorParams.consentForm}
        hint={t("counter.consent.scanHint")}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
          />
        )}
      </Field>
    </fieldset>
  );

  return (
    <div className="page stack">
      <div>
        <h1>{t("counter.title")}</h1>
        <p className="lead">{t("counter.intro", { clerk })}</p>
        <p className="hint">{t("counter.zones", { zones: zones.join(t("weekday.separator")) })}</p>
      </div>
      <FormError error={errors.form} />

      <section className="card stack" aria-labelledby="find-heading">
        <h2 id="find-heading">{t("counter.find.title")}</h2>
        <Form method="post" noValidate className="inline-form">
          <input type="hidden" name="intent" value="find" />
          <Field
            name="phone"
            label={t("counter.find.phone")}
            error={stage ? undefined : errors.phone}
            hint={t("counter.find.hint")}
          >
            {(p) => (
              <input {...p} type="tel" inputMode="tel" required defaultValue={values.phone} />
            )}
          </Field>
          <SubmitButton
            pending={busy}
            label={t("counter.find.submit")}
            pendingLabel={t("counter.busy")}
          />
        </Form>
      </section>

      {stage?.step === "consent" ? (
        <section className="card stack" aria-labelledby="consent-heading">
          <h2 id="consent-heading">{t("counter.consent.title", { name: stage.vendor.name })}</h2>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="vendorId" value={stage.vendor.id} />
            <input type="hidden" name="vendorName" value={stage.vendor.name} />
            <input type="hidden" name="phone" value={values.phone} />
            {consentFields}
            <button
              type="submit"
              name="intent"
              value="consent"
              className="button button-primary"
              disabled={busy}
            >
              {busy ? t("counter.busy") : t("counter.consent.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {stage?.step === "register" ? (
        <section className="card stack" aria-labelledby="register-heading">
          <h2 id="register-heading">{t("counter.register.title")}</h2>
          <p className="hint">{t("counter.register.hint")}</p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <Field name="phone" label={t("counter.find.phone")} error={errors.phone}>
              {(p) => (
                <input {...p} type="tel" inputMode="tel" required defaultValue={values.phone} />
              )}
            </Field>
            <VendorProfileFields
              values={values}
              errors={errors}
              categories={categories}
              editing={false}
            />
            {consentFields}
            <button
              type="submit"
              name="intent"
              value="register"
              className="button button-primary"
              disabled={busy}
            >
              {busy ? t("counter.busy") : t("counter.register.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="vendors-heading">
        <h2 id="vendors-heading">{t("counter.vendors.title")}</h2>
        {vendors.length === 0 ? (
          <p className="hint">{t("counter.vendors.none")}</p>
        ) : (
          <ul className="plain-list counter-vendors">
            {vendors.map((v) => (
              <li key={v.id}>
                <Form method="post">
                  <input type="hidden" name="intent" value="act" />
                  <input type="hidden" name="vendorId" value={v.id} />
                  <strong>{v.display_name}</strong> · {v.phone} · {v.products}{" "}
                  <span className="hint">{t(`vendor.status.${v.status}`)}</span>{" "}
                  <button type="submit" className="button button-quiet" disabled={busy}>
                    {t("counter.vendors.act", { name: v.display_name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="hint">
        <QuickLink to="/for-vendors">{t("counter.takeOverHint")}</QuickLink>
      </p>
    </div>
  );
}
