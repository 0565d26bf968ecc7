// Every migration, in order. Listed by import rather than read from the folder at run time, so
// that they load the same under tsx, Vitest and any bundler (docs/decisions/002-migrations-listed-in-code.md).
// db/migrate.test.ts fails when a file in db/migrations/ is missing here.
import type { Migration } from "kysely";
import * as m20261128120000 from "./migrations/20261128120000_foundation";
import * as m20261128130000 from "./migrations/20261128130000_vendor_verification";
import * as m20261128140000 from "./migrations/20261128140000_reservations";
import * as m20261128150000 from "./migrations/20261128150000_market_day";
import * as m20261128160000 from "./migrations/20261128160000_vendor_calendar";
import * as m20261128170000 from "./migrations/20261128170000_waitlist";
import * as m20261128180000 from "./migrations/20261128180000_vendor_search";
import * as m20261128190000 from "./migrations/20261128190000_layout_editor";
import * as m20261128200000 from "./migrations/20261128200000_regulated_operation";
import * as m20261128210000 from "./migrations/20261128210000_vendor_search_postgres";
import * as m20261129120000 from "./migrations/20261129120000_upload_ledger";
import * as m20261129200000 from "./migrations/20261129200000_bookings_week_cover";
import * as m20261129230000 from "./migrations/20261129230000_sms_delivery";
import * as m20261129233000 from "./migrations/20261129233000_phone_verification";
import * as m20261129235000 from "./migrations/20261129235000_sms_reminders";
import * as m20261130010000 from "./migrations/20261130010000_service_counter";
import * as m20261130060000 from "./migrations/20261130060000_ballots";
import * as m20261130100000 from "./migrations/20261130100000_ballot_allocation";
import * as m20261130120000 from "./migrations/20261130120000_stall_reports";
import * as m20261130130000 from "./migrations/20261130130000_price_lists";
import * as m20261130150000 from "./migrations/20261130150000_integrity_record";
import * as m20261130160000 from "./migrations/20261130160000_check_in_window";
import * as m20261130190000 from "./migrations/20261130190000_session_tallies";
import * as m20261130220000 from "./migrations/20261130220000_reference_generation";
import * as m20261201020000 from "./migrations/20261201020000_reference_notices";
import * as m20261201060000 from "./migrations/20261201060000_reference_written";

export const migrations: Record<string, Migration> = {
  "20261128120000_foundation": m20261128120000,
  "20261128130000_vendor_verification": m20261128130000,
  "20261128140000_reservations": m20261128140000,
  "20261128150000_market_day": m20261128150000,
  "20261128160000_vendor_calendar": m20261128160000,
  "20261128170000_waitlist": m20261128170000,
  "20261128180000_vendor_search": m20261128180000,
  "20261128190000_layout_editor": m20261128190000,
  "20261128200000_regulated_operation": m20261128200000,
  "20261128210000_vendor_search_postgres": m20261128210000,
  "20261129120000_upload_ledger": m20261129120000,
  "20261129200000_bookings_week_cover": m20261129200000,
  "20261129230000_sms_delivery": m20261129230000,
  "20261129233000_phone_verification": m20261129233000,
  "20261129235000_sms_reminders": m20261129235000,
  "20261130010000_service_counter": m20261130010000,
  "20261130060000_ballots": m20261130060000,
  "20261130100000_ballot_allocation": m20261130100000,
  "20261130120000_stall_reports": m20261130120000,
  "20261130130000_price_lists": m20261130130000,
  "20261130150000_integrity_record": m20261130150000,
  "20261130160000_check_in_window": m20261130160000,
  "20261130190000_session_tallies": m20261130190000,
  "20261130220000_reference_generation": m20261130220000,
  "20261201020000_reference_notices": m20261201020000,
  "20261201060000_reference_written": m20261201060000,
};
