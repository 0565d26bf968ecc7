// Who was told of a change by SMS, and how it went: counts at a glance, and the people behind
// them on opening; a message that failed can be sent again from here.
import { Form } from "@remix-run/react";
import type { Delivery } from "~/models/outbox.server";
import type { Translate } from "~/utils/i18n";

export function MessageDeliveries({
  t,
  deliveries,
  busy,
}: {
  t: Translate;
  deliveries: Delivery[];
  busy: boolean;
}) {
  if (deliveries.length === 0) return null;
  const count = (status: Delivery["status"] | "waiting") =>
    deliveries.filter((d) =>
      status === "waiting" ? d.status === "queued" || d.status === "sending" : d.status === status,
    ).length;
  const failed = count("failed");
  return (
    <details className="deliveries" open={failed > 0}>
      <summary>
        {t("sms.summary", {
          total: deliveries.length,
          sent: count("sent"),
          waiting: count("waiting"),
          failed,
        })}
      </summary>
      <ul className="plain-list">
        {deliveries.map((d) => (
          <li key={d.id} className={`delivery delivery-${d.status}`}>
            <span>
              {d.name} · <span className="nowrap">{d.phone}</span>
            </span>
            <span className={`badge delivery-badge-${d.status}`}>
              {t(`sms.status.${d.status}`)}
              {d.error ? ` (${d.error})` : ""}
            </span>
            {d.status === "failed" ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="resendMessage" />
                <input type="hidden" name="id" value={d.id} />
                <button
                  type="submit"
                  className="button button-quiet button-small"
                  disabled={busy}
                  aria-label={t("sms.resendTo", { name: d.name })}
                >
                  {t("sms.resend")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
