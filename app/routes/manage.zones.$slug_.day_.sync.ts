// The market day's sync (issue 19): a manager's phone sends, in order, what was recorded while it
// had no signal; each action comes back done, already recorded, in conflict, or refused
// (app/models/day-sync.server.ts). JSON in and out; never a 500 for what a phone sends. Errors
// are message keys, as every action's are: the page that sent them says them in its language.
import type { ActionFunctionArgs } from "@remix-run/node";
import { SyncSchema } from "~/forms/day-sync.server";
import { syncDayActions } from "~/models/day-sync.server";
import { requireZoneManager } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { MessageKey } from "~/locales/zh-CN";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, zone } = await requireZoneManager(request, params.slug);
  if (request.method !== "POST")
    return Response.json({ error: "sync.error.method" as MessageKey }, { status: 405 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = null;
  }
  const parsed = SyncSchema.safeParse(body);
  if (!parsed.success)
    return Response.json({ error: "sync.error.bad" as MessageKey }, { status: 400 });
  const results = await syncDayActions(
    db,
    { zoneId: zone.id, userId: user.id, timeZone: zone.time_zone },
    parsed.data.actions,
    new Date(),
  );
  // A resource route answers in plain JSON (a phone's script reads it, not Remix).
  return Response.json({ results });
}
