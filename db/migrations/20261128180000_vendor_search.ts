import { sql, type Kysely } from "kysely";
import { isPostgres } from "../portable";

// Full-text search over vendors for residents ("西红柿", "修家电", "tomatoes"). Chinese is written
// without spaces, so the index is of trigrams (every run of three characters), kept in step with
// vendors, their user's display name and their category by triggers: whatever code changes
// them, the index follows. PostgreSQL gets its own (pg_trgm) with the PostgreSQL issue (#9).
const BODY = (vendor: "new" | "v") =>
  sql.raw(`
  select ${vendor}.id,
         coalesce(u.display_name, '') || ' ' || coalesce(${vendor}.name_en, '') || ' ' ||
         ${vendor}.products || ' ' || coalesce(${vendor}.products_en, '') || ' ' ||
         coalesce(c.name_zh, '') || ' ' || coalesce(c.name_en, '')
  from ${vendor === "v" ? "vendors v, " : ""}users u, categories c
  where u.id = ${vendor}.user_id and c.slug = ${vendor}.category_slug`);

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table vendor_search using fts5(vendor_id unindexed, body, tokenize = 'trigram')`.execute(
    db,
  );
  await sql`create trigger vendor_search_insert after insert on vendors begin
    insert into vendor_search (vendor_id, body) ${BODY("new")};
  end`.execute(db);
  await sql`create trigger vendor_search_update after update on vendors begin
    delete from vendor_search where vendor_id = old.id;
    insert into vendor_search (vendor_id, body) ${BODY("new")};
  end`.execute(db);
  await sql`create trigger vendor_search_delete after delete on vendors begin
    delete from vendor_search where vendor_id = old.id;
  end`.execute(db);
  await sql`create trigger vendor_search_user after update of display_name on users begin
    delete from vendor_search where vendor_id in (select id from vendors where user_id = new.id);
    insert into vendor_search (vendor_id, body) ${BODY("v")} and v.user_id = new.id;
  end`.execute(db);
  await sql`insert into vendor_search (vendor_id, body) ${BODY("v")}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  for (const name of ["insert", "update", "delete", "user"])
    await sql`drop trigger if exists ${sql.raw(`vendor_search_${name}`)}`.execute(db);
  await sql`drop table vendor_search`.execute(db);
}
