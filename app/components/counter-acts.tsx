// What service counters did for a vendor: the vendor sees it on their page, managers on the
// vendor's record. Each line names the clerk, what they did, and when.
import { Form } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** The audit actions a counter's clerk can take for a vendor, each with its words. */
export const COUNTER_ACTIONS = [
  "vendor.registered_at_counter",
  "counter.consent",
  "counter.acting_started",
  "booking.created",
  "booking.cancelled",
  "booking.cancelled_late",
  "waitlist.joined",
  "waitlist.left",
  "document.uploaded",
  "vendor.profile_changed",
  "vendor.profile_changed_for_review",
] as const;
type CounterAction = (typeof COUNTER_ACTIONS)[number];
const isCounterAction = (a: string): a is CounterAction =>
  (COUNTER_ACTIONS as readonly string[]).includes(a);

export interface CounterActsProps {
  consent: { clerk: string; since: string } | null;
  acts: { id: number; clerk: string; action: string; at: string }[];
  /** The vendor's own page: they may stop counters acting for them. */
  canStop: boolean;
}

export function CounterActs({ consent, acts, canStop }: CounterActsProps) {
  const t = useT();
  if (!consent && acts.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="counter-heading">
      <h2 id="counter-heading">{t("counter.acts.title")}</h2>
      <p>
        {consent
          ? t(canStop ? "counter.acts.consent" : "counter.acts.consentOfVendor", {
              clerk: consent.clerk,
              since: consent.since,
            })
          : t("counter.acts.noConsent")}
      </p>
      {acts.length > 0 ? (
        <ul className="plain-list">
          {acts.map((a) => (
            <li key={a.id}>
              {a.at} ·{" "}
              {t("counter.acts.line", {
                clerk: a.clerk,
                action: isCounterAction(a.action) ? t(`counter.act.${a.action}`) : a.action,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {consent && canStop ? (
        <Form method="post" action="/vendor">
          <input type="hidden" name="intent" value="stopCounter" />
          <p className="hint">{t("counter.acts.stopHint")}</p>
          <button type="submit" className="button button-quiet">
            {t("counter.acts.stop")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
