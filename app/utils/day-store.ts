// The market day kept on the phone (issue 19), in IndexedDB, shared by the day sheet and the
// service worker: the actions waiting to be synced, what the server could not record (kept until
// the manager has read it), and the bookings of the day sheets opened, so that a receipt scanned
// with the phone's camera while offline finds its market. Browser only; no React here.
import type { QueuedAction, SyncResult } from "~/domain/day-sync";

/** What a waiting action is called on the page: its stall, and what else names it. */
export interface ActionLabel {
  code: string;
  /** The vendor's name (check-in, no-show, fee) or the phone or e-mail given (walk-up). */
  who: string;
}

export interface WaitingAction {
  key: string;
  /** The market's slug: each day sheet syncs its own. */
  zone: string;
  action: QueuedAction;
  label: ActionLabel;
}

export interface SyncProblem extends WaitingAction {
  result: SyncResult;
}

export interface KeptBooking {
  id: number;
  zone: string;
  /** The session as the day sheet names it, 'YYYY-MM-DD|key'. */
  session: string;
}

const NAME = "jishi-day";
type StoreName = "waiting" | "problems" | "bookings";

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("waiting", { keyPath: "key" });
      db.createObjectStore("problems", { keyPath: "key" });
      db.createObjectStore("bookings", { keyPath: "id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = undefined;
      reject(request.error);
    };
  });
  return opening;
}

async function run<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function putAll(store: StoreName, values: unknown[]): Promise<void> {
  await run(store, "readwrite", (s) => {
    for (const value of values) s.put(value);
  });
}

async function deleteAll(store: StoreName, keys: IDBValidKey[]): Promise<void> {
  await run(store, "readwrite", (s) => {
    for (const key of keys) s.delete(key);
  });
}

async function all<T>(store: StoreName): Promise<T[]> {
  return ((await run(store, "readonly", (s) => s.getAll())) ?? []) as T[];
}

/** Waiting actions of one market, in the order they were recorded. */
export async function waitingActions(zone: string): Promise<WaitingAction[]> {
  const rows = await all<WaitingAction>("waiting");
  return rows
    .filter((row) => row.zone === zone)
    .sort((a, b) => a.action.recordedAt.localeCompare(b.action.recordedAt));
}

export const keepWaiting = (action: WaitingAction) => putAll("waiting", [action]);

/** What a sync answered: the actions answered leave the queue, problems are kept to be read. */
export async function settle(answered: string[], problems: SyncProblem[]): Promise<void> {
  await putAll("problems", problems);
  await deleteAll("waiting", answered);
}

export async function syncProblems(zone: string): Promise<SyncProblem[]> {
  return (await all<SyncProblem>("problems")).filter((row) => row.zone === zone);
}

export const dismissProblem = (key: string) => deleteAll("problems", [key]);

export const keepBookings = (bookings: KeptBooking[]) => putAll("bookings", bookings);

export async function keptBooking(id: number): Promise<KeptBooking | undefined> {
  return (await run("bookings", "readonly", (s) => s.get(id))) as KeptBooking | undefined;
}

/**
 * Another person may be using the phone: the day sheets' bookings are forgotten. What waits to be
 * synced is kept: it was recorded by a manager, and is judged by the server when it is sent.
 */
export async function forgetBookings(): Promise<void> {
  await run("bookings", "readwrite", (s) => s.clear());
}
