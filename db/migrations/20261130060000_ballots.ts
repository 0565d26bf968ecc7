import { sql, type Kysely } from "kysely";
import { idColumn, idColumnType } from "../portable";

// Ballots (issue 16): stalls allocated by published rules and a draw anyone can re-run. The
// seed is kept secret until the close; its commitment is public from the opening. At the close
// the inputs are frozen (canonical JSON and its digest); after the draw the places are kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ballots")
    .addColumn("id", idColumnType(db), idColumn(db))
    /** The public id in addresses and the results file: "b-" and random letters. */
    .addColumn("public_id", "text", (c) => c.notNull().unique())
    .addColumn("zone_id", "integer", (c) => c.notNull().references("zones.id"))
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    /** The market days it allocates, 'YYYY-MM-DD' in the zone, first and last. */
    .addColumn("first_date", "text", (c) => c.notNull())
    .addColumn("last_date", "text", (c) => c.notNull())
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("newcomer_share", "real", (c) => c.notNull())
    .addColumn("lookback_months", "integer", (c) => c.notNull())
    /** JSON object: category slug → most stalls. */
    .addColumn("category_caps", "text", (c) => c.notNull().defaultTo("{}"))
    /** Secret until drawn_at. */
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("commitment", "text", (c) => c.notNull())
    .addColumn("inputs_json", "text")
    .addColumn("inputs_digest", "text")
    .addColumn("closed_at", "text")
    .addColumn("places_json", "text")
    .addColumn("drawn_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ballots_zone").on("ballots").column("zone_id").execute();
  await db.schema
    .createTable("ballot_stalls")
    .addColumn("ballot_id", "integer", (c) =>
      c.notNull().references("ballots.id").onDelete("cascade"),
    )
    .addColumn("stall_id", "integer", (c) => c.notNull().references("stalls.id"))
    .addPrimaryKeyConstraint("ballot_stalls_pk", ["ballot_id", "stall_id"])
    .execute();
  await db.schema
    .createTable("ballot_applications")
    .addColumn("id", idColumnType(db), idColumn(db))
    .addColumn("ballot_id", "integer", (c) =>
      c.notNull().references("ballots.id").onDelete("cascade"),
    )
    .addColumn("vendor_id", "integer", (c) => c.notNull().references("vendors.id"))
    /** Random, names no one: what the published inputs carry. */
    .addColumn("public_id", "text", (c) => c.notNull().unique())
    /** Asked to be counted as a farmer selling their own produce (rural zones). */
    .addColumn("own_produce", "integer", (c) => c.notNull().defaultTo(0))
    /** JSON array of "stall:A-01" / "row:A", best first, five at most. */
    .addColumn("preferences", "text", (c) => c.notNull())
    .addColumn("any_stall", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('applied', 'withdrawn')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("ballot_applications_once", ["ballot_id", "vendor_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("ballot_applications").execute();
  await db.schema.dropTable("ballot_stalls").execute();
  await db.schema.dropTable("ballots").execute();
}
