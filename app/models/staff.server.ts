// Market managers and service-counter clerks, created by the county office and scoped to zones:
// the markets a manager runs, the markets a counter books at.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";
import { writeAudit } from "./audit.server";
import { inTransaction } from "#db/transaction";

/** A stored hash no password can match: the manager sets their own through the invitation. */
const NO_PASSWORD_YET = "unset$invitation-pending";

export type StaffRole = "manager" | "clerk";

/** Where each kind of staff account's zones are kept. */
const ZONES_TABLE = { manager: "zone_managers", clerk: "counter_zones" } as const;

export async function listManagers(db: Kysely<Database>, role: StaffRole = "manager") {
  const managers = await db
    .selectFrom("users")
    .select(["id", "display_name", "phone", "email"])
    .where("role", "=", role)
    .orderBy("id")
    .execute();
  const zones = await db.selectFrom(ZONES_TABLE[role]).select(["user_id", "zone_id"]).execute();
  return managers.map((m) => ({
    ...m,
    zoneIds: zones.filter((z) => z.user_id === m.id).map((z) => z.zone_id),
  }));
}

/** The office and the managers, by name: whose actions the audit log can be filtered by. */
export async function listStaff(db: Kysely<Database>) {
  return db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("role", "in", ["manager", "office", "clerk"])
    .orderBy("display_name")
    .execute();
}

export type CreateManagerResult =
  | { ok: true; user: { id: number; email: string | null; phone: string | null } }
  | { ok: false; code: "phoneTaken" | "emailTaken" };

export async function createManager(
  db: Kysely<Database>,
  input: {
    displayName: string;
    phone: string | null;
    email: string | null;
    zoneIds: number[];
    actorUserId: number;
    role?: StaffRole;
  },
  now: Date,
): Promise<CreateManagerResult> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    for (const field of ["phone", "email"] as const) {
      const value = input[field];
      if (
        value &&
        (await trx.selectFrom("users").select("id").where(field, "=", value).executeTakeFirst())
      ) {
        return { ok: false, code: `${field}Taken` };
      }
    }
    const user = await trx
      .insertInto("users")
      .values({
        phone: input.phone,
        // The office opens the account for someone it knows, number included.
        phone_verified_at: input.phone ? at : null,
        email: input.email,
        display_name: input.displayName,
        role: input.role ?? "manager",
        password_hash: NO_PASSWORD_YET,
        created_at: at,
        updated_at: at,
      })
      .returning(["id", "email", "phone"])
      .executeTakeFirstOrThrow();
    await assignZones(trx, user.id, input.role ?? "manager", input.zoneIds, at);
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: input.role === "clerk" ? "user.clerk_created" : "user.manager_created",
      entityType: "user",
      entityId: user.id,
      after: {
        display_name: input.displayName,
        phone: input.phone,
        email: input.email,
        zone_ids: input.zoneIds,
      },
      now,
    });
    return { ok: true, user };
  });
}

async function assignZones(
  trx: Kysely<Database>,
  userId: number,
  role: StaffRole,
  zoneIds: number[],
  at: string,
) {
  await trx.deleteFrom(ZONES_TABLE[role]).where("user_id", "=", userId).execute();
  if (zoneIds.length === 0) return;
  await trx
    .insertInto(ZONES_TABLE[role])
    .values(zoneIds.map((zone_id) => ({ zone_id, user_id: userId, created_at: at })))
    .execute();
}

export async function setManagerZones(
  db: Kysely<Database>,
  input: { managerId: number; zoneIds: number[]; actorUserId: number },
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const manager = await trx
      .selectFrom("users")
      .select(["id", "role"])
      .where("id", "=", input.managerId)
      .where("role", "in", ["manager", "clerk"])
      .executeTakeFirst();
    if (!manager) return false;
    const role = manager.role as StaffRole;
    const before = await trx
      .selectFrom(ZONES_TABLE[role])
      .select("zone_id")
      .where("user_id", "=", manager.id)
      .execute();
    await assignZones(trx, manager.id, role, input.zoneIds, now.toISOString());
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: "user.manager_zones_changed",
      entityType: "user",
      entityId: manager.id,
      before: { zone_ids: before.map((z) => z.zone_id) },
      after: { zone_ids: input.zoneIds },
      now,
    });
    return true;
  });
}
