import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// The integrity record (issue 20, 诚信记录). Points are never stored as a balance: a vendor's
// quarter is worked out from the events that stand, so annulling one or upholding an appeal
// simply stops it counting, and the history stays whole.
export async function up(db: Kysely<any>): Promise<void> {
  // The county's rules: what each kind of event costs. One instance serves one county; the
  // office edits these, and vendors read them.
  await db.schema
    .createTable("integrity_rules")
    .addColumn("kind", "text", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().check(sql`points between 0 and 12`))
    /** 1: a minor matter; the first in a quarter is a warning, not a deduction. */
    .addColumn("minor", "integer", (c) => c.notNull().check(sql`minor in (0, 1)`))
    .addColumn("updated_at", "text")
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db
    .insertInto("integrity_rules")
    .values([
      { kind: "no_show", points: 2, minor: 1 },
      { kind: "report_upheld", points: 3, minor: 0 },
      { kind: "prices_not_shown", points: 1, minor: 1 },
      { kind: "prices_differ", points: 2, minor: 1 },
      { kind: "hygiene", points: 2, minor: 1 },
      { kind: "safety", points: 4, minor: 0 },
    ])
    .execute();

  // What an inspector found at one stall, about the vendor booked there that session.
  await db.schema
    .createTable("inspection_findings")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("inspection_id", "integer", (c) => c.notNull().references("inspections.id"))
    .addColumn("stall_code", "text", (c) => c.notNull())
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("vendors.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('prices_not_shown', 'prices_differ', 'hygiene', 'safety')`),
    )
    .addColumn("note", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("integrity_events")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("vendors.id"))
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    /** Where it came from: a booking (no-show), a report, an inspection finding. */
    .addColumn("source_type", "text", (c) =>
      c.notNull().check(sql`source_type in ('booking', 'report', 'inspection_finding')`),
    )
    .addColumn("source_id", "integer", (c) => c.notNull())
    /** The market day it happened, in the market's time: it decides the quarter. */
    .addColumn("local_date", "text", (c) => c.notNull())
    /** The rule as it was when the event was recorded: a later change does not reach back. */
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("minor", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("annulled_at", "text")
    .addColumn("annulled_by", "integer", (c) => c.references("users.id"))
    .addColumn("annul_reason", "text")
    .addColumn("appeal_text", "text")
    .addColumn("appealed_at", "text")
    .addColumn("appeal_state", "text", (c) =>
      c.check(sql`appeal_state in ('pending', 'upheld', 'rejected')`),
    )
    .addColumn("appeal_note", "text")
    .addColumn("appeal_decided_at", "text")
    .addColumn("appeal_decided_by", "integer", (c) => c.references("users.id"))
    .execute();
  // One event per source: recording twice (a retry, a double click) changes nothing.
  await db.schema
    .createIndex("integrity_events_source")
    .on("integrity_events")
    .columns(["source_type", "source_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("integrity_events_vendor")
    .on("integrity_events")
    .columns(["vendor_id", "local_date"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("integrity_events").execute();
  await db.schema.dropTable("inspection_findings").execute();
  await db.schema.dropTable("integrity_rules").execute();
}
