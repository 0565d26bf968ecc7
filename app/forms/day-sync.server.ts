// What a phone sends when it syncs the market day (app/routes/manage.zones.$slug_.day_.sync.ts),
// on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { ACTION_KEY, MAX_SYNC_ACTIONS } from "~/domain/day-sync";

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const key = z.string().regex(ACTION_KEY);
const recordedAt = z.string().max(40);
const fen = z.number().int().min(0).max(10_000_000);

const action = z.discriminatedUnion("kind", [
  z.object({ key, kind: z.enum(["checkIn", "noShow"]), bookingId: id, recordedAt }),
  z.object({
    key,
    kind: z.literal("fee"),
    bookingId: id,
    amountFen: fen,
    expectedFen: fen.nullable(),
    recordedAt,
  }),
  z.object({
    key,
    kind: z.literal("walkUp"),
    stallId: id,
    identifier: z.string().trim().min(1).max(254),
    session: z.string().max(40),
    recordedAt,
  }),
]);

export const SyncSchema = z.object({
  actions: z.array(action).max(MAX_SYNC_ACTIONS),
});
