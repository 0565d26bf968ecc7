import { sql, type Kysely } from "kysely";
import { isPostgres } from "../portable";

// How many vendors have booked each session, by category (issue 22): the home page's "what's
// on" counted them from the bookings on every view (22,000 rows a view on a county's data). The
// count is kept beside the bookings by triggers, in the same transaction as each change, so it is
// never behind: a booking confirmed or checked in counts; cancelled, pending or absent does not.
// A vendor's booking counts under the vendor's category, and moves when the category changes.
const COUNTED = sql.raw(`('confirmed', 'checked_in')`);
const KEY = sql.raw(`(zone_id, local_date, session_key, category_slug)`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("session_tallies")
    .addColumn("zone_id", "integer", (c) => c.notNull())
    .addColumn("local_date", "text", (c) => c.notNull())
    .addColumn("session_key", "text", (c) => c.notNull())
    .addColumn("category_slug", "text", (c) => c.notNull())
    .addColumn("bookings", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("session_tallies_pk", [
      "zone_id",
      "local_date",
      "session_key",
      "category_slug",
    ])
    .execute();
  await sql`insert into session_tallies (zone_id, local_date, session_key, category_slug, bookings)
    select b.zone_id, b.local_date, b.session_key, v.category_slug, count(*)
    from bookings b join vendors v on v.id = b.vendor_id
    where b.status in ${COUNTED}
    group by b.zone_id, b.local_date, b.session_key, v.category_slug`.execute(db);

  // One booking in or out of its session's count, under its vendor's category now.
  const minusOld = sql`update session_tallies set bookings = bookings - 1
    where zone_id = old.zone_id and local_date = old.local_date and session_key = old.session_key
      and category_slug = (select category_slug from vendors where id = old.vendor_id)`;
  const plusNew = sql`insert into session_tallies (zone_id, local_date, session_key, category_slug, bookings)
    select new.zone_id, new.local_date, new.session_key, category_slug, 1 from vendors
    where id = new.vendor_id and new.status in ${COUNTED}
    on conflict ${KEY} do update set bookings = session_tallies.bookings + 1`;
  // A vendor's counted bookings moved from the old category to the new.
  const ofVendor = sql`from bookings where vendor_id = new.id and status in ${COUNTED}`;
  const moveVendor = [
    sql`update session_tallies set bookings = bookings - (select count(*) ${ofVendor}
        and bookings.zone_id = session_tallies.zone_id and bookings.local_date = session_tallies.local_date
        and bookings.session_key = session_tallies.session_key)
      where category_slug = old.category_slug
        and (zone_id, local_date, session_key) in (select zone_id, local_date, session_key ${ofVendor})`,
    sql`insert into session_tallies (zone_id, local_date, session_key, category_slug, bookings)
      select zone_id, local_date, session_key, new.category_slug, count(*) ${ofVendor}
      group by zone_id, local_date, session_key
      on conflict ${KEY} do update set bookings = session_tallies.bookings + excluded.bookings`,
  ];
  // A change that leaves a booking counted in the same place (a check-in) changes nothing.
  const moved = sql`(old.status in ${COUNTED}) <> (new.status in ${COUNTED})
    or (new.status in ${COUNTED} and (old.vendor_id <> new.vendor_id or old.zone_id <> new.zone_id
      or old.local_date <> new.local_date or old.session_key <> new.session_key))`;

  if (isPostgres(db)) {
    await sql`create function session_tallies_booking() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and not (${moved}) then return null; end if;
        if tg_op in ('UPDATE', 'DELETE') and old.status in ${COUNTED} then ${minusOld}; end if;
        if tg_op in ('UPDATE', 'INSERT') then ${plusNew}; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger session_tallies_booking
      after insert or delete or update of status, vendor_id, zone_id, local_date, session_key
      on bookings for each row execute function session_tallies_booking()`.execute(db);
    await sql`create function session_tallies_vendor() returns trigger language plpgsql as $$
      begin ${moveVendor[0]}; ${moveVendor[1]}; return null; end $$`.execute(db);
    await sql`create trigger session_tallies_vendor after update of category_slug on vendors
      for each row when (old.category_slug <> new.category_slug)
      execute function session_tallies_vendor()`.execute(db);
    return;
  }
  await sql`create trigger session_tallies_insert after insert on bookings
    when new.status in ${COUNTED} begin ${plusNew}; end`.execute(db);
  await sql`create trigger session_tallies_delete after delete on bookings
    when old.status in ${COUNTED} begin ${minusOld}; end`.execute(db);
  await sql`create trigger session_tallies_update
    after update of status, vendor_id, zone_id, local_date, session_key on bookings
    when ${moved} begin ${minusOld} and old.status in ${COUNTED}; ${plusNew}; end`.execute(db);
  await sql`create trigger session_tallies_vendor after update of category_slug on vendors
    when old.category_slug <> new.category_slug begin ${moveVendor[0]}; ${moveVendor[1]}; end`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger session_tallies_booking on bookings`.execute(db);
    await sql`drop trigger session_tallies_vendor on vendors`.execute(db);
    await sql`drop function session_tallies_booking, session_tallies_vendor`.execute(db);
  } else {
    for (const name of ["insert", "delete", "update", "vendor"])
      await sql`drop trigger ${sql.raw(`session_tallies_${name}`)}`.execute(db);
  }
  await db.schema.dropTable("session_tallies").execute();
}
