// The integrity record for those who keep it: a zone's managers see what was recorded at their
// markets and annul what was wrong, with the reason; the county office decides appeals and sets
// what each kind of event costs.
import "~/locales/staff";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/form-field";
import { EventText, IntegrityEvent } from "~/components/integrity";
import { ManageHeader } from "~/components/manage-header";
import { MAX_RULE_POINTS, type IntegrityRule } from "~/domain/integrity";
import { ManageIntegritySchema, readRules } from "~/forms/integrity.server";
import type { MessageKey } from "~/locales/zh-CN";
import {
  annulIntegrityEvent,
  decideAppeal,
  integrityRules,
  pendingAppeals,
  saveIntegrityRules,
  zoneIntegrityEvents,
} from "~/models/integrity.server";
import { managedZoneIds } from "~/models/zone.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { integrityEventView } from "~/utils/integrity-view.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.locale, (t) => [t("integrity.manageTitle")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "manager", "office");
  const locale = await getLocale(request);
  const office = user.role === "office";
  const zoneIds = office ? undefined : await managedZoneIds(db, user.id);
  const [events, appeals, rules] = await Promise.all([
    zoneIntegrityEvents(db, zoneIds),
    office ? pendingAppeals(db) : [],
    office ? integrityRules(db) : [],
  ]);
  return {
    locale,
    office,
    events: events.map((e) => integrityEventView(e, locale)),
    appeals: appeals.map((e) => integrityEventView(e, locale)),
    rules,
  };
}

type Result =
  | { ok: true; message: MessageKey; eventId?: number }
  | { ok: false; error: MessageKey; eventId?: number; typed?: string };

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const user = await requireRole(request, "manager", "office");
  const office = user.role === "office";
  const form = await readFormData(request);
  const parsed = parseForm(ManageIntegritySchema, form);
  const eventId = Number(form.get("eventId")) || undefined;
  const typed = String(form.get("text") ?? "").slice(0, 500);
  const refuse = (error: MessageKey, status: number) =>
    data<Result>({ ok: false, error, eventId, typed }, { status });
  if (!parsed.ok)
    return refuse(
      ((parsed.errors as Record<string, MessageKey>).text ??
        "integrity.error.notAllowed") as MessageKey,
      400,
    );
  const asked = parsed.data;
  if (asked.intent === "rules") {
    if (!office) return refuse("integrity.error.notAllowed", 403);
    const rules = readRules(form);
    if (!rules) return refuse("integrity.error.points", 400);
    await saveIntegrityRules(db, { userId: user.id, rules }, now);
    return data<Result>({ ok: true, message: "integrity.rulesSaved" });
  }
  if (asked.intent === "annul") {
    const zoneIds = office ? [] : await managedZoneIds(db, user.id);
    const refused = await annulIntegrityEvent(
      db,
      { eventId: asked.eventId, userId: user.id, zoneIds, reason: asked.text },
      now,
    );
    return refused
      ? refuse("integrity.error.notAllowed", refused === "notFound" ? 404 : 409)
      : data<Result>({ ok: true, message: "integrity.annulled", eventId });
  }
  if (!office) return refuse("integrity.error.notAllowed", 403);
  const refused = await decideAppeal(
    db,
    {
      eventId: asked.eventId,
      userId: user.id,
      uphold: asked.intent === "uphold",
      note: asked.text,
    },
    now,
  );
  return refused
    ? refuse("integrity.error.notAllowed", refused === "notFound" ? 404 : 409)
    : data<Result>({ ok: true, message: "integrity.decided", eventId });
}

export default function ManageIntegrity() {
  const { office, events, appeals, rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = (intent: string, eventId?: number) =>
    navigation.state !== "idle" &&
    navigation.formData?.get("intent") === intent &&
    (eventId === undefined || navigation.formData?.get("eventId") === String(eventId));
  const refusedFor = (id: number) =>
    result && !result.ok && result.eventId === id ? result : null;
  return (
    <div className="page stack">
      <ManageHeader
        title={t("integrity.manageTitle")}
        lead={t(office ? "integrity.officeIntro" : "integrity.manageIntro")}
      />
      {result?.ok ? (
        <p className="notice notice-info" role="status">
          {t(result.message)}
        </p>
      ) : result && !result.eventId && !office ? (
        <FormError error={result.error} />
      ) : null}
      {office ? (
        <section className="card stack-tight" aria-labelledby="appeals-heading">
          <h2 id="appeals-heading">{t("integrity.appeals")}</h2>
          {appeals.length === 0 ? (
            <p className="empty-state">{t("integrity.appealsNone")}</p>
          ) : (
            <ul className="plain-list stack">
              {appeals.map((e) => (
                <IntegrityEvent key={e.id} event={e} showVendor>
                  <Form method="post" className="stack-tight">
                    <input type="hidden" name="eventId" value={e.id} />
                    <EventText
                      eventId={e.id}
                      label="integrity.decisionLabel"
                      rows={2}
                      refused={refusedFor(e.id)}
                    />
                    <p className="actions">
                      <button
                        type="submit"
                        name="intent"
                        value="uphold"
                        className="button button-primary"
                        disabled={busy("uphold", e.id)}
                      >
                        {t("integrity.uphold")}
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="reject"
                        className="button button-quiet"
                        disabled={busy("reject", e.id)}
                      >
                        {t("integrity.reject")}
                      </button>
                    </p>
                  </Form>
                </IntegrityEvent>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section className="card stack-tight" aria-labelledby="events-heading">
        <h2 id="events-heading">{t("integrity.events")}</h2>
        {events.length === 0 ? (
          <p className="empty-state">{t("integrity.eventsNone")}</p>
        ) : (
          <ul className="plain-list stack">
            {events.map((e) => (
              <IntegrityEvent key={e.id} event={e} showVendor>
                {!office && e.mayAnnul ? (
                  <details className="disclosure" open={refusedFor(e.id) ? true : undefined}>
                    <summary>{t("integrity.annul")}</summary>
                    <Form method="post" className="stack-tight">
                      <input type="hidden" name="eventId" value={e.id} />
                      <EventText
                        eventId={e.id}
                        label="integrity.annulLabel"
                        rows={2}
                        refused={refusedFor(e.id)}
                      />
                      <button
                        type="submit"
                        name="intent"
                        value="annul"
                        className="button button-primary"
                        disabled={busy("annul", e.id)}
                      >
                        {busy("annul", e.id) ? t("integrity.annulling") : t("integrity.annul")}
                      </button>
                    </Form>
                  </details>
                ) : null}
              </IntegrityEvent>
            ))}
          </ul>
        )}
      </section>
      {office ? (
        <RulesForm
          rules={rules}
          busy={busy("rules")}
          error={result && !result.ok && !result.eventId ? result.error : undefined}
        />
      ) : null}
    </div>
  );
}

function RulesForm({
  rules,
  busy,
  error,
}: {
  rules: IntegrityRule[];
  busy: boolean;
  error?: MessageKey;
}) {
  const t = useT();
  return (
    <Form method="post" className="card stack-tight" aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t("integrity.rules")}</h2>
      <p className="hint">{t("integrity.rulesIntro")}</p>
      {rules.map((r) => (
        <fieldset key={r.kind} className="rule-row">
          <legend>{t(`integrity.kind.${r.kind}`)}</legend>
          <div className="rule-inputs">
            <label className="rule-points">
              {t("integrity.rulePointsLabel")}{" "}
              <input
                name={`points-${r.kind}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={MAX_RULE_POINTS}
                defaultValue={r.points}
                required
              />
            </label>
            <label className="check">
              <input type="checkbox" name={`minor-${r.kind}`} defaultChecked={r.minor === 1} />{" "}
              {t("integrity.ruleMinorLabel")}
            </label>
          </div>
        </fieldset>
      ))}
      <FormError error={error} />
      <button
        type="submit"
        name="intent"
        value="rules"
        className="button button-primary"
        disabled={busy}
      >
        {busy ? t("integrity.rulesSaving") : t("integrity.rulesSave")}
      </button>
    </Form>
  );
}
