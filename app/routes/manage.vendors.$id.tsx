import "~/locales/staff";
import { CounterActs } from "~/components/counter-acts";
import { counterHelp } from "~/utils/counter-help.server";
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
import { FormError } from "~/components/form-field";
import { VendorStatusBadge } from "~/components/vendor-status";
import { expiryState, missingDocuments } from "~/domain/documents";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { canDecide, needsReason, REVIEW_DECISIONS } from "~/domain/vendor-review";
import { listAuditFor } from "~/models/audit.server";
import { listCurrentDocuments } from "~/models/document.server";
import { decideVendor } from "~/models/vendor-review.server";
import { getVendorById } from "~/models/vendor.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { formatInstant, formatLocalDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { getLocale } from "~/utils/i18n.server";
import { DecisionSchema } from "~/forms/vendor-review.server";
import { notFound } from "~/utils/responses";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [data?.vendor.display_name, t("review.title")]);

function vendorIdFrom(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "manager", "office");
  const vendor = await getVendorById(db, vendorIdFrom(params.id));
  if (!vendor) throw notFound();
  const locale = await getLocale(request);
  const [documents, history, counter] = await Promise.all([
    listCurrentDocuments(db, vendor.id),
    listAuditFor(db, "vendor", vendor.id),
    counterHelp(vendor.id, locale),
  ]);
  const today = localMoment(new Date(), DEFAULT_TIME_ZONE).date;
  return {
    locale,
    today,
    vendor,
    missing: missingDocuments(vendor, documents, today),
    documents: documents.map((d) => ({ ...d, state: expiryState(d.expires_on, today) })),
    decisions: REVIEW_DECISIONS.filter((d) => canDecide(d, vendor.status)),
    history,
    // What service counters did for this vendor, by whom.
    counter,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const now = new Date();
  const user = await requireRole(request, "manager", "office");
  const vendorId = vendorIdFrom(params.id);
  const form = await readFormData(request);
  const parsed = parseForm(DecisionSchema, form);
  const decision = String(form.get("decision") ?? "");
  if (!parsed.ok)
    return data(
      { errors: parsed.errors, errorParams: parsed.errorParams, decision },
      { status: 400 },
    );
  const today = localMoment(now, DEFAULT_TIME_ZONE).date;
  if (parsed.data.decision === "suspend" && parsed.data.until < today) {
    return data(
      { errors: { until: "review.error.untilPast" as const }, decision },
      { status: 400 },
    );
  }
  const result = await decideVendor(
    db,
    {
      vendorId,
      actorUserId: user.id,
      decision: parsed.data.decision,
      reason: parsed.data.reason || null,
      until: parsed.data.decision === "suspend" ? parsed.data.until : null,
    },
    now,
  );
  if (!result.ok && result.code === "notFound") throw notFound();
  if (!result.ok)
    return data({ errors: { form: "review.error.stale" as const }, decision }, { status: 409 });
  return redirect(`/manage/vendors/${vendorId}?decided=${parsed.data.decision}`);
}

export default function ReviewVendor() {
  const { vendor, documents, missing, decisions, history, today, counter } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const pendingDecision = navigation.state !== "idle" ? navigation.formData?.get("decision") : null;
  const errors: Partial<Record<string, Parameters<typeof t>[0]>> = actionData?.errors ?? {};
  const en = locale === "en";

  return (
    <div className="page stack">
      <div>
        <p>
          <QuickLink to={`/manage/vendors?status=${vendor.status}`}>
            ← {t("review.title")}
          </QuickLink>
        </p>
        <h1>{vendor.display_name}</h1>
        <p>
          <VendorStatusBadge t={t} status={vendor.status} />
        </p>
      </div>
      {params.get("decided") && !actionData ? (
        <p className="notice notice-info" role="status">
          {t("review.decided")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="who-heading">
        <h2 id="who-heading">{t("review.application")}</h2>
        <dl className="facts">
          <dt>{t("join.legalName")}</dt>
          <dd>{vendor.legal_name}</dd>
          <dt>{t("join.category")}</dt>
          <dd>{en ? vendor.category_en : vendor.category_zh}</dd>
          <dt>{t("join.products")}</dt>
          <dd>{vendor.products}</dd>
          <dt>{t("join.homeCommunity")}</dt>
          <dd>{vendor.home_community || "—"}</dd>
          <dt>{t("review.contact")}</dt>
          <dd>{[vendor.phone, vendor.email].filter(Boolean).join(" · ")}</dd>
          {vendor.status_reason ? (
            <>
              <dt>{t("vendorHome.reason")}</dt>
              <dd>{vendor.status_reason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="docs-heading">
        <h2 id="docs-heading">{t("documents.title")}</h2>
        {missing.length > 0 ? (
          <p className="notice notice-warning">
            {t("review.missing", {
              list: missing
                .map((oneOf) => oneOf.map((k) => t(`documentKind.${k}`)).join(t("documents.or")))
                .join(t("weekday.separator")),
            })}
          </p>
        ) : null}
        {documents.length === 0 ? <p className="hint">{t("review.noDocuments")}</p> : null}
        <ul className="document-previews">
          {documents.map((d) => (
            <li key={d.id} className="document-preview">
              <p>
                <strong>{t(`documentKind.${d.kind}`)}</strong>{" "}
                <span className={`badge badge-doc-${d.state}`}>
                  {t(`documents.state.${d.state}`)}
                </span>
                <br />
                {t("documents.validUntil", { date: formatLocalDate(locale, d.expires_on, "full") })}
              </p>
              {d.content_type.startsWith("image/") ? (
                <img src={`/documents/${d.id}`} alt={t(`documentKind.${d.kind}`)} loading="lazy" />
              ) : (
                <p className="hint">{t("review.pdf")}</p>
              )}
              <a href={`/documents/${d.id}`}>{t("documents.download")}</a>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="decide-heading">
        <h2 id="decide-heading">{t("review.decide")}</h2>
        <FormError error={errors.form ?? errors.decision} />
        {decisions.length === 0 ? <p className="hint">{t("review.noDecision")}</p> : null}
        <div className="decisions">
          {decisions.map((decision) => (
            <Form method="post" key={decision} className="decision" noValidate>
              <input type="hidden" name="decision" value={decision} />
              {needsReason(decision) ? (
                <div className="field">
                  <label htmlFor={`reason-${decision}`}>
                    {t(`review.reason.${decision}` as Parameters<typeof t>[0])}
                  </label>
                  <textarea
                    id={`reason-${decision}`}
                    name="reason"
                    rows={2}
                    maxLength={500}
                    aria-invalid={
                      actionData?.decision === decision && errors.reason ? true : undefined
                    }
                  />
                  {actionData?.decision === decision && errors.reason ? (
                    <p className="field-error">{t(errors.reason)}</p>
                  ) : null}
                </div>
              ) : null}
              {decision === "suspend" ? (
                <div className="field">
                  <label htmlFor="until">{t("review.until")}</label>
                  <input
                    id="until"
                    name="until"
                    type="date"
                    min={today}
                    aria-invalid={errors.until ? true : undefined}
                  />
                  {errors.until ? <p className="field-error">{t(errors.until)}</p> : null}
                </div>
              ) : null}
              <button
                type="submit"
                className={`button ${decision === "approve" || decision === "lift" ? "button-primary" : "button-quiet"}`}
                disabled={pendingDecision === decision}
              >
                {t(`review.action.${decision}`)}
              </button>
            </Form>
          ))}
        </div>
      </section>

      <CounterActs consent={counter.consent} acts={counter.acts} canStop={false} />

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("review.history")}</h2>
        {history.length === 0 ? (
          <p className="hint">{t("review.noHistory")}</p>
        ) : (
          <ul className="history">
            {history.map((h) => (
              <li key={h.id}>
                {formatInstant(locale, h.at, DEFAULT_TIME_ZONE)} · {h.actor_name ?? "—"} ·{" "}
                {t(`audit.${h.action}` as Parameters<typeof t>[0])}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
