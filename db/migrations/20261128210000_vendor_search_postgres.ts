import { sql, type Kysely } from "kysely";
import { isPostgres } from "../portable";

// The vendor search index on PostgreSQL (20261128180000 made SQLite's FTS5 one and left
// PostgreSQL for this). No FTS5 there: the same table, `vendor_search (vendor_id, body)`, is a
// plain one with a pg_trgm GIN index on lower(body), which serves LIKE '%…%' for words of three
// characters or more; trigger functions keep it in step with vendors, their user's display
// name and their category, as SQLite's triggers do. Nothing to do on SQLite.
const BODY = sql.raw(`
  select v.id,
         coalesce(u.display_name, '') || ' ' || coalesce(v.name_en, '') || ' ' ||
         v.products || ' ' || coalesce(v.products_en, '') || ' ' ||
         coalesce(c.name_zh, '') || ' ' || coalesce(c.name_en, '')
  from vendors v, users u, categories c
  where u.id = v.user_id and c.slug = v.category_slug`);

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // A trusted extension since PostgreSQL 13: the database's owner may create it.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create table vendor_search (
    vendor_id integer primary key references vendors (id) on delete cascade,
    body text not null)`.execute(db);
  await sql`create index vendor_search_body on vendor_search using gin (lower(body) gin_trgm_ops)`.execute(
    db,
  );
  await sql`create function vendor_search_refresh(vid integer) returns void language sql as $$
    delete from vendor_search where vendor_id = vid;
    insert into vendor_search (vendor_id, body) ${BODY} and v.id = vid;
  $$`.execute(db);
  await sql`create function vendor_search_vendor() returns trigger language plpgsql as $$
    begin perform vendor_search_refresh(new.id); return null; end $$`.execute(db);
  await sql`create trigger vendor_search_vendor after insert or update on vendors
    for each row execute function vendor_search_vendor()`.execute(db);
  await sql`create function vendor_search_user() returns trigger language plpgsql as $$
    begin perform vendor_search_refresh(v.id) from vendors v where v.user_id = new.id;
    return null; end $$`.execute(db);
  await sql`create trigger vendor_search_user after update of display_name on users
    for each row execute function vendor_search_user()`.execute(db);
  await sql`insert into vendor_search (vendor_id, body) ${BODY}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop table vendor_search`.execute(db);
  await sql`drop function vendor_search_vendor, vendor_search_user, vendor_search_refresh cascade`.execute(
    db,
  );
}
