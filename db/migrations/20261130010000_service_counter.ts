import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType, widenCheck } from "../portable";

// Service counters (issue 18): a clerk account scoped to zones acts for vendors without a
// smartphone, with their consent (a code sent to their phone, or a photo of a signed form). The
// session row remembers whom the clerk is acting for; the audit log names the vendor acted for.
export async function up(db: Kysely<any>): Promise<void> {
  await widenCheck(db, {
    table: "users",
    column: "role",
    from: ["vendor", "manager", "office"],
    to: ["vendor", "manager", "office", "clerk"],
  });
  await widenCheck(db, {
    table: "phone_codes",
    column: "purpose",
    from: ["verify", "reset", "change"],
    to: ["verify", "reset", "change", "consent"],
  });
  await db.schema
    .createTable("counter_zones")
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("counter_zones_pk", ["zone_id", "user_id"])
    .execute();
  await db.schema.createIndex("counter_zones_user").on("counter_zones").column("user_id").execute();
  await db.schema
    .createTable("counter_consents")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("vendor_id", "integer", (c) =>
      c.notNull().references("vendors.id").onDelete("cascade"),
    )
    .addColumn("clerk_user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("method", "text", (c) =>
      c.notNull().check(sql`method in ('sms_code', 'signed_form')`),
    )
    /** The photo or scan of the signed form, for 'signed_form'. */
    .addColumn("stored_name", "text")
    .addColumn("content_type", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .execute();
  await db.schema
    .createIndex("counter_consents_vendor")
    .on("counter_consents")
    .column("vendor_id")
    .execute();
  await db.schema
    .alterTable("sessions")
    .addColumn("acting_vendor_id", "integer", (c) =>
      c.references("vendors.id").onDelete("set null"),
    )
    .execute();
  await db.schema.alterTable("audit_log").addColumn("for_vendor_id", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").dropColumn("for_vendor_id").execute();
  await db.schema.alterTable("sessions").dropColumn("acting_vendor_id").execute();
  await db.schema.dropTable("counter_consents").execute();
  await db.schema.dropTable("counter_zones").execute();
  await widenCheck(db, {
    table: "phone_codes",
    column: "purpose",
    from: ["verify", "reset", "change", "consent"],
    to: ["verify", "reset", "change"],
  });
  await widenCheck(db, {
    table: "users",
    column: "role",
    from: ["vendor", "manager", "office", "clerk"],
    to: ["vendor", "manager", "office"],
  });
}
