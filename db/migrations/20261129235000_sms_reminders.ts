import { type Kysely } from "kysely";

// Reminders by SMS the day before a booked session can be switched off in the profile.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("sms_reminders", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("sms_reminders").execute();
}
