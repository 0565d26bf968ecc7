// A vendor's own integrity record (诚信记录): this quarter's points, the county's rules, and every
// event with its source and outcome, each open to one appeal to the county office.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EventText, IntegrityEvent, IntegrityMark, IntegrityRules } from "~/components/integrity";
import { QUARTER_POINTS } from "~/domain/integrity";
import { DEFAULT_TIME_ZONE, localMoment } from "~/domain/market-hours";
import { AppealSchema } from "~/forms/integrity.server";
import type { MessageKey } from "~/locales/zh-CN";
import { appealIntegrityEvent, integrityRules, vendorIntegrity } from "~/models/integrity.server";
import { requireVendor } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { integrityEventView, quarterLabel } from "~/utils/integrity-view.server";
import { pageTitle } from "~/utils/meta";
import { QuickLink } from "~/components/quick-link";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("integrity.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { vendor } = await requireVendor(request, { counter: true });
  const locale = await getLocale(request);
  const today = localMoment(new Date(), DEFAULT_TIME_ZONE).date;
  const [record, rules] = await Promise.all([
    vendorIntegrity(db, vendor.id, today),
    integrityRules(db),
  ]);
  return {
    locale,
    vendorId: vendor.id,
    quarter: quarterLabel(locale, record.quarter),
    remaining: record.score.remaining,
    mark: record.mark ? quarterLabel(locale, record.mark) : null,
    rules,
    events: record.events.map((e) => integrityEventView(e, locale)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const { vendor, clerk } = await requireVendor(request, { counter: true });
  const form = await readFormData(request);
  const parsed = parseForm(AppealSchema, form);
  const eventId = Number(form.get("eventId"));
  // What was typed comes back with a refusal, so that nothing written is lost.
  const typed = String(form.get("text") ?? "").slice(0, 500);
  if (!parsed.ok)
    return data(
      {
        ok: false as const,
        eventId,
        typed,
        error: (parsed.errors.text ?? "integrity.error.notAllowed") as MessageKey,
      },
      { status: 400 },
    );
  const refused = await appealIntegrityEvent(
    db,
    { eventId, vendorId: vendor.id, text: parsed.data.text, clerkUserId: clerk?.id },
    now,
  );
  return refused
    ? data(
        { ok: false as const, eventId, typed, error: "integrity.error.notAllowed" as MessageKey },
        { status: refused === "notFound" ? 404 : 409 },
      )
    : data({ ok: true as const, eventId, error: null });
}

export default function VendorIntegrity() {
  const { vendorId, quarter, remaining, mark, rules, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const sendingFor = navigation.formData?.get("eventId");
  const refusedFor = (id: number) =>
    result && !result.ok && result.eventId === id ? result : null;
  return (
    <div className="page narrow stack">
      <div>
        <p>
          <QuickLink to="/vendor">← {t("vendorHome.title")}</QuickLink>
        </p>
        <h1>{t("integrity.title")}</h1>
        <p className="lead">{t("integrity.intro", { total: QUARTER_POINTS })}</p>
      </div>
      <section className="card stack-tight" aria-labelledby="points-heading">
        <h2 id="points-heading" className="integrity-points">
          {t("integrity.points", { quarter, points: remaining, total: QUARTER_POINTS })}
        </h2>
        {mark ? (
          <p>
            <IntegrityMark quarter={mark} />{" "}
            <QuickLink to={`/vendors/${vendorId}`}>{t("prices.seePublic")}</QuickLink>
          </p>
        ) : null}
      </section>
      {result?.ok ? (
        <p className="notice notice-info" role="status">
          {t("integrity.appealSent")}
        </p>
      ) : null}
      <section className="card stack-tight" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("integrity.history")}</h2>
        {events.length === 0 ? (
          <p className="empty-state">{t("integrity.none")}</p>
        ) : (
          <ul className="plain-list stack">
            {events.map((e) => (
              <IntegrityEvent key={e.id} event={e}>
                {e.mayAppeal ? (
                  <details className="disclosure" open={refusedFor(e.id) ? true : undefined}>
                    <summary>{t("integrity.appeal")}</summary>
                    <Form method="post" className="stack-tight">
                      <input type="hidden" name="eventId" value={e.id} />
                      <EventText
                        eventId={e.id}
                        label="integrity.appealLabel"
                        refused={refusedFor(e.id)}
                      />
                      <button
                        type="submit"
                        name="intent"
                        value="appeal"
                        className="button button-primary"
                        disabled={sendingFor === String(e.id)}
                      >
                        {sendingFor === String(e.id)
                          ? t("integrity.appealSending")
                          : t("integrity.appealSend")}
                      </button>
                    </Form>
                  </details>
                ) : null}
              </IntegrityEvent>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack-tight" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("integrity.rules")}</h2>
        <p className="hint">{t("integrity.rulesIntro")}</p>
        <IntegrityRules rules={rules} />
      </section>
    </div>
  );
}
