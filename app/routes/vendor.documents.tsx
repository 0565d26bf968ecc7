import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/form-field";
import { DOCUMENT_KINDS, expiryState, requiredDocuments } from "~/domain/documents";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { addDocument, listCurrentDocuments } from "~/models/document.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readDocumentUpload } from "~/utils/document-upload.server";
import { parseForm } from "~/utils/form.server";
import { formatLocalDate, useLocale, useT, type Params } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { removeUpload } from "~/utils/uploads.server";
import { storeUpload, uploadOwner } from "~/utils/upload-store.server";
import { DocumentSchema } from "~/forms/vendor-document.server";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("documents.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request, { counter: true });
  const [locale, documents] = await Promise.all([
    getLocale(request),
    listCurrentDocuments(db, vendor.id),
  ]);
  const today = localMoment(new Date(), DEFAULT_TIME_ZONE).date;
  const needed = requiredDocuments(vendor).flat();
  return {
    locale,
    today,
    needed,
    documents: documents.map((d) => ({ ...d, state: expiryState(d.expires_on, today) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, vendor, clerk } = await requireVendor(request, { counter: true });
  const upload = await readDocumentUpload(request);
  const kept = {
    kind: String(upload.fields?.get("kind") ?? ""),
    expiresOn: String(upload.fields?.get("expiresOn") ?? ""),
  };
  // A refused body has no fields to check: say what was wrong with the file.
  if (!upload.ok && !upload.fields) {
    return data({ errors: { file: upload.error }, values: kept }, { status: upload.status });
  }
  const parsed = parseForm(DocumentSchema, upload.fields ?? new FormData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: kept }, { status: 400 });
  if (!upload.ok)
    return data({ errors: { file: upload.error }, values: kept }, { status: upload.status });

  const now = new Date();
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  if (parsed.data.expiresOn < today) {
    return data(
      { errors: { expiresOn: "documents.error.alreadyExpired" as const }, values: kept },
      { status: 400 },
    );
  }

  const stored = await storeUpload(
    {
      owner: uploadOwner(user.id, context.clientIp),
      purpose: "document",
      bytes: upload.file.bytes,
      ext: upload.file.type.ext,
    },
    now,
  );
  if (!stored.ok)
    return data(
      { errors: { file: stored.error }, errorParams: stored.params, values: kept },
      { status: stored.status },
    );
  const storedName = stored.name;
  try {
    await addDocument(db, {
      vendorId: vendor.id,
      kind: parsed.data.kind,
      originalName: upload.file.name,
      storedName,
      contentType: upload.file.type.contentType,
      sizeBytes: upload.file.bytes.byteLength,
      expiresOn: parsed.data.expiresOn,
      now,
      clerkUserId: clerk?.id,
    });
  } catch (error) {
    // Nothing half-saved: a file without its record is removed.
    await removeUpload(storedName);
    throw error;
  }
  return redirect("/vendor/documents?saved=1");
}

export default function VendorDocuments() {
  const { documents, needed, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const pending = useNavigation().formAction === "/vendor/documents";
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const values: Record<string, string> =
    actionData && "values" in actionData ? actionData.values : {};

  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to="/vendor">← {t("vendorHome.title")}</QuickLink>
        </p>
        <h1>{t("documents.title")}</h1>
        <p className="lead">{t("documents.intro")}</p>
      </div>
      {params.get("saved") && !actionData ? (
        <p className="notice notice-info" role="status">
          {t("documents.saved")}
        </p>
      ) : null}

      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">{t("documents.current")}</h2>
        {documents.length === 0 ? (
          <p className="hint">{t("documents.none")}</p>
        ) : (
          <ul className="document-list">
            {documents.map((d) => (
              <li key={d.id}>
                <strong>{t(`documentKind.${d.kind}`)}</strong>{" "}
                <span className={`badge badge-doc-${d.state}`}>
                  {t(`documents.state.${d.state}`)}
                </span>
                <br />
                {t("documents.validUntil", {
                  date: formatLocalDate(locale, d.expires_on, "full"),
                })}{" "}
                · <a href={`/documents/${d.id}`}>{t("documents.download")}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("documents.upload")}</h2>
        <p className="hint">{t("documents.uploadHint")}</p>
        <FormError error={errors.form} />
        {/* A new paper in the list makes a fresh form: the last type, date and file do not stay
            to be sent twice. */}
        <Form
          key={documents.map((d) => d.id).join(",")}
          method="post"
          encType="multipart/form-data"
          noValidate
        >
          <Field name="kind" label={t("documents.kind")} error={errors.kind}>
            {(p) => (
              <select
                {...p}
                required
                defaultValue={
                  values.kind ?? needed.find((k) => !documents.some((d) => d.kind === k)) ?? ""
                }
              >
                <option value="" disabled>
                  {t("documents.kindChoose")}
                </option>
                {DOCUMENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`documentKind.${kind}`)}
                    {needed.includes(kind)
                      ? t(
                          documents.some((d) => d.kind === kind)
                            ? "documents.optionUploaded"
                            : "documents.optionNeeded",
                        )
                      : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="expiresOn" label={t("documents.expiresOn")} error={errors.expiresOn}>
            {(p) => (
              <input {...p} type="date" required min={today} defaultValue={values.expiresOn} />
            )}
          </Field>
          <Field
            name="file"
            label={t("documents.file")}
            error={errors.file}
            errorParams={
              actionData && "errorParams" in actionData
                ? (actionData.errorParams as Params | undefined)
                : undefined
            }
            hint={t("documents.fileHint")}
          >
            {(p) => (
              <input
                {...p}
                type="file"
                required
                accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
              />
            )}
          </Field>
          <SubmitButton
            pending={pending}
            label={t("documents.submit")}
            pendingLabel={t("documents.pending")}
          />
        </Form>
      </section>
    </div>
  );
}
