// The day sheet without signal (issue 19): what the manager records offline is kept on the phone
// (app/utils/day-store.ts), shown as waiting, and sent to the server when the network returns;
// what the server could not take is shown until the manager has read it. The server judges
// (app/models/day-sync.server.ts); the phone never decides that something was recorded.
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { ACTION_KEY, type QueuedAction, type SyncResult } from "~/domain/day-sync";
import { needsReading, syncWhy } from "~/domain/day-overlay";
import { parseYuan } from "~/domain/money";
import { RECEIPT_SCAN_PATH } from "~/domain/offline";
import {
  dismissProblem,
  settle,
  syncProblems,
  waitingActions,
  type SyncProblem,
  type WaitingAction,
} from "~/utils/day-store";
import { formatMoney, useLocale, useT } from "~/utils/i18n";
import { useOnline } from "./offline";
import { readQr } from "./qr-reader.client";

/** A key for an action, unique on this phone and the server's (also without crypto.randomUUID). */
export function newActionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The action a day-sheet form records, to be kept while offline; null for what needs the
 * network (confirming, declining) or a form that does not say enough (the server's rules answer).
 */
export function waitingFromForm(form: FormData, zone: string, now: Date): WaitingAction | null {
  const text = (name: string) => String(form.get(name) ?? "");
  const id = (name: string) => {
    const n = Number(text(name));
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  };
  const key = ACTION_KEY.test(text("key")) ? text("key") : newActionKey();
  const recordedAt = now.toISOString();
  const label = { code: text("code"), who: text("who") };
  const intent = text("intent");
  let action: QueuedAction | null = null;
  if (intent === "checkIn" || intent === "noShow") {
    const bookingId = id("bookingId");
    if (bookingId) action = { key, kind: intent, bookingId, recordedAt };
  } else if (intent === "fee") {
    const bookingId = id("bookingId");
    const amountFen = parseYuan(text("amount"));
    const expected = text("expected");
    if (bookingId && amountFen !== null)
      action = {
        key,
        kind: "fee",
        bookingId,
        amountFen,
        expectedFen: expected === "" ? null : Number(expected),
        recordedAt,
      };
  } else if (intent === "walkUp") {
    const stallId = id("stallId");
    const identifier = text("identifier").trim();
    if (stallId && identifier)
      action = { key, kind: "walkUp", stallId, identifier, session: text("session"), recordedAt };
    label.who = identifier;
  }
  return action ? { key, zone, action, label } : null;
}

type SyncNotice =
  { kind: "synced"; count: number; unread: number } | { kind: "failed" } | { kind: "signIn" };

/** Sends what waits, when there is a network: now, when it returns, and every half minute. */
const RETRY_MS = 30_000;

export function useDayQueue(zone: string, recorded: unknown) {
  const online = useOnline();
  // The function alone: the revalidator object changes with its state, the function does not.
  const { revalidate } = useRevalidator();
  const [waiting, setWaiting] = useState<WaitingAction[]>([]);
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [notice, setNotice] = useState<SyncNotice | null>(null);
  const busy = useRef(false);

  const reload = useCallback(async () => {
    const [w, p] = await Promise.all([waitingActions(zone), syncProblems(zone)]);
    setWaiting(w);
    setProblems(p);
    return w;
  }, [zone]);

  const sync = useCallback(async () => {
    if (busy.current || !navigator.onLine) return;
    const list = await reload();
    if (list.length === 0) return;
    busy.current = true;
    setSyncing(true);
    try {
      const response = await fetch(`/manage/zones/${encodeURIComponent(zone)}/day/sync`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ actions: list.map((w) => w.action) }),
      });
      const json = response.headers.get("Content-Type")?.includes("application/json");
      if (response.redirected || response.status === 401 || response.status === 403 || !json) {
        setNotice({ kind: "signIn" });
        return;
      }
      if (!response.ok) {
        setNotice({ kind: "failed" });
        return;
      }
      const { results } = (await response.json()) as { results: SyncResult[] };
      const byKey = new Map(list.map((w) => [w.key, w]));
      const unread = results.flatMap((result) => {
        const action = byKey.get(result.key);
        return action && needsReading(result) ? [{ ...action, result }] : [];
      });
      await settle(
        results.map((r) => r.key),
        unread,
      );
      setNotice({ kind: "synced", count: results.length, unread: unread.length });
      revalidate();
    } catch {
      setNotice({ kind: "failed" });
    } finally {
      busy.current = false;
      setSyncing(false);
      await reload();
    }
  }, [zone, reload, revalidate]);

  // What the page shows follows what was just recorded (an action's answer) and the network.
  useEffect(() => {
    void reload().then(() => (navigator.onLine ? sync() : undefined));
  }, [reload, sync, recorded, online]);

  useEffect(() => {
    if (!online || waiting.length === 0) return;
    const timer = window.setInterval(() => void sync(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [online, waiting.length, sync]);

  const dismiss = useCallback(
    async (key: string) => {
      await dismissProblem(key);
      await reload();
    },
    [reload],
  );

  return { online, waiting, problems, syncing, notice, sync, dismiss };
}

/** What an action is called, in the page's language. */
function useActionWords() {
  const t = useT();
  const locale = useLocale();
  return (w: WaitingAction) => {
    const { code, who } = w.label;
    const amount = w.action.kind === "fee" ? formatMoney(locale, w.action.amountFen) : "";
    return t(`sync.what.${w.action.kind}`, { code, who, amount });
  };
}

export function SyncPanel({ queue }: { queue: ReturnType<typeof useDayQueue> }) {
  const t = useT();
  const locale = useLocale();
  const what = useActionWords();
  const { online, waiting, problems, syncing, notice, sync, dismiss } = queue;
  return (
    <>
      {!online ? (
        <p className="notice notice-warning" role="note">
          {t("sync.offline")}
        </p>
      ) : null}
      <div className="sync-status" role="status">
        {waiting.length > 0 ? (
          <p className="sync-waiting">
            <strong>{t("sync.waiting", { count: waiting.length })}</strong>
          </p>
        ) : null}
        {syncing ? <p>{t("sync.syncing")}</p> : null}
        {!syncing && notice ? (
          <p>
            {notice.kind === "synced"
              ? t(notice.unread ? "sync.syncedSome" : "sync.synced", notice)
              : t(notice.kind === "failed" ? "sync.failed" : "sync.signIn")}
          </p>
        ) : null}
      </div>
      {online && waiting.length > 0 ? (
        <p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void sync()}
            disabled={syncing}
          >
            {syncing ? t("sync.syncing") : t("sync.now")}
          </button>
        </p>
      ) : null}
      {problems.length > 0 ? (
        <section className="card sync-problems" aria-labelledby="sync-problems-heading">
          <h2 id="sync-problems-heading">{t("sync.problemsTitle")}</h2>
          <p className="hint">{t("sync.problemsHint")}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.key}>
                <p>
                  {t("sync.problem", {
                    what: what(p),
                    why: t(`sync.why.${syncWhy(p.result)}`, {
                      recorded:
                        p.result.recordedFen == null
                          ? "—"
                          : formatMoney(locale, p.result.recordedFen),
                    }),
                  })}
                </p>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => void dismiss(p.key)}
                >
                  {t("sync.dismiss", { what: what(p) })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The booking a receipt's QR code names (its address ends in /manage/check-in/<id>). */
export function receiptBookingId(text: string, origin: string): number | null {
  try {
    const url = new URL(text, origin);
    const id = Number(RECEIPT_SCAN_PATH.exec(url.pathname)?.[1]);
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/**
 * A receipt's QR code photographed with the phone's camera (a file input that opens it), read on
 * the phone: no network is needed to find the booking it names. The reader is part of the day
 * sheet's script, so that it is kept with the page.
 */
export function ReceiptScanner({ onScan }: { onScan: (bookingId: number | null) => void }) {
  const t = useT();
  const [reading, setReading] = useState(false);
  return (
    <div className="receipt-scanner">
      <label className="button button-primary scan-button">
        {reading ? t("day.scanReading") : t("day.scan")}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          className="visually-hidden"
          disabled={reading}
          onChange={async (event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            setReading(true);
            try {
              const text = await readQr(file);
              onScan(text ? receiptBookingId(text, location.origin) : null);
            } catch {
              onScan(null);
            } finally {
              setReading(false);
              input.value = "";
            }
          }}
        />
      </label>
      <p className="hint">{t("day.scanHint")}</p>
    </div>
  );
}
