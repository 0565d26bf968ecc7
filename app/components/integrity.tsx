// The integrity record's parts as vendors, managers and residents see them: one event with its
// source and outcome, the county's rules, the 诚信摊主 mark.
import type { ReactNode } from "react";
import type { IntegrityRule } from "~/domain/integrity";
import type { MessageKey } from "~/locales/zh-CN";
import { useT } from "~/utils/i18n";
import type { IntegrityEventView } from "~/utils/integrity-view.server";
import { FormError } from "./form-field";

const EFFECT_BADGE = {
  deducted: "badge-rejected",
  warning: "badge-later",
  annulled: "badge-ended",
  restored: "badge-approved",
} as const;

export function IntegrityEvent({
  event,
  showVendor = false,
  children,
}: {
  event: IntegrityEventView;
  showVendor?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <li className="integrity-event stack-tight">
      <p>
        <strong>{t(`integrity.kind.${event.kind}`)}</strong>{" "}
        <span className={`badge ${EFFECT_BADGE[event.effect]}`}>
          {t(`integrity.effect.${event.effect}`, { count: event.deducts })}
        </span>
      </p>
      <p className="hint">
        {event.date} · {event.market}
        {showVendor ? (
          <>
            {" · "}
            <a href={`/manage/vendors/${event.vendor.id}`}>{event.vendor.name}</a>
          </>
        ) : null}
      </p>
      <p>
        {event.reportCode ? (
          <a href={`/reports/${event.reportCode}`}>{event.source}</a>
        ) : (
          event.source
        )}
      </p>
      {event.reason ? <p className="quote">{event.reason}</p> : null}
      {event.annulReason ? (
        <p>{t("integrity.annulledBecause", { reason: event.annulReason })}</p>
      ) : null}
      {event.appeal ? (
        <p>
          {event.appeal.state === "pending"
            ? t("integrity.appealPending", { text: event.appeal.text })
            : event.appeal.state === "upheld"
              ? t("integrity.appealUpheld", { note: event.appeal.note })
              : t("integrity.appealRejected", { note: event.appeal.note })}
        </p>
      ) : null}
      {children}
    </li>
  );
}

export function IntegrityRules({ rules }: { rules: IntegrityRule[] }) {
  const t = useT();
  // A list, not a table: two short columns do not fit a phone beside long Chinese names.
  return (
    <ul className="plain-list rule-list" aria-label={t("integrity.rules")}>
      {rules.map((r) => (
        <li key={r.kind}>
          <span>{t(`integrity.kind.${r.kind}`)}</span>{" "}
          <span className="badge badge-later">
            {t("integrity.rulePoints", { count: r.points })}
          </span>
          {r.minor ? <span className="hint rule-minor">{t("integrity.ruleMinor")}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The 诚信摊主 mark, with the quarter it was earned in. */
export function IntegrityMark({ quarter }: { quarter: string }) {
  const t = useT();
  return (
    <span className="badge badge-trusted" title={t("integrity.markHint")}>
      ★ {t("integrity.markFor", { quarter })}
    </span>
  );
}

/**
 * The words sent about one event (an appeal, an annulment, a decision): refused, the same field
 * shows what was typed and why, beside it.
 */
export function EventText({
  eventId,
  label,
  rows = 3,
  refused,
}: {
  eventId: number;
  label: MessageKey;
  rows?: number;
  refused: { typed?: string; error: MessageKey } | null;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={`text-${eventId}`}>{t(label)}</label>
      <textarea
        id={`text-${eventId}`}
        name="text"
        rows={rows}
        maxLength={500}
        required
        defaultValue={refused?.typed}
      />
      <FormError error={refused?.error} />
    </div>
  );
}
