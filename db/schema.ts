// The one description of every table, for Kysely. Keep it in step with db/migrations.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "vendor" | "manager" | "office" | "clerk";
export type ZoneKind = "community" | "street" | "park" | "night" | "rural";
export type ZoneStatus = "active" | "paused" | "closed";
export type LayoutStatus = "draft" | "submitted" | "approved" | "returned" | "superseded";
/** 斤, 公斤, 个, 把, 份, 袋, 盒 (app/domain/price-list.ts). */
export type PriceUnit = "jin" | "kg" | "each" | "bunch" | "portion" | "bag" | "box";
export type SessionKind = "morning" | "daytime" | "evening" | "night";
export type VendorStatus = "pending" | "approved" | "changes_requested" | "rejected" | "suspended";
/** 0 or 1: booleans are stored as integers so that both engines read them alike. */
export type Flag = 0 | 1;

export interface UsersTable {
  id: Generated<number>;
  phone: string | null;
  email: string | null;
  password_hash: string;
  display_name: string;
  role: Role;
  /** The language last chosen on the site: messages sent away (SMS) are written in it. */
  locale: "zh-CN" | "en" | null;
  /** When the person entered a code sent to `phone`; null: not theirs yet (issue 15). */
  phone_verified_at: string | null;
  /** 1: an SMS the day before each booked session (the profile can switch it off). */
  sms_reminders: Generated<Flag>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
  /** A counter clerk's session: the vendor they are acting for now, if any. */
  acting_vendor_id: number | null;
}

export interface CategoriesTable {
  slug: string;
  name_zh: string;
  name_en: string;
  sort_order: number;
  needs_health_certificate: Generated<Flag>;
  needs_food_permit: Generated<Flag>;
  public_welfare: Generated<Flag>;
}

export interface ZonesTable {
  id: Generated<number>;
  slug: string;
  name_zh: string;
  name_en: string;
  kind: ZoneKind;
  /** A GeoJSON Polygon geometry, WGS84 [longitude, latitude]. */
  boundary: string;
  time_zone: Generated<string>;
  address_zh: string;
  address_en: string;
  description_zh: Generated<string>;
  description_en: Generated<string>;
  has_water: Generated<Flag>;
  has_power: Generated<Flag>;
  has_toilets: Generated<Flag>;
  has_cold_storage: Generated<Flag>;
  has_parking: Generated<Flag>;
  extinguisher_count: Generated<number>;
  inspection_interval_days: Generated<number>;
  status: Generated<ZoneStatus>;
  created_at: string;
  updated_at: string;
}

export interface ZoneManagersTable {
  zone_id: number;
  user_id: number;
  created_at: string;
}

export interface LayoutsTable {
  id: Generated<number>;
  zone_id: number;
  version: number;
  status: LayoutStatus;
  notes: string | null;
  created_by: number | null;
  created_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
  /** The zone's boundary as drawn in this version, a GeoJSON Polygon; null: the zone's own. */
  boundary: string | null;
  /** JSON `CheckResult[]` from the last save. */
  checks: string | null;
  checks_passed: Flag | null;
  review_comment: string | null;
  override_reason: string | null;
  submitted_by: number | null;
  updated_at: string | null;
}

export type LayoutFeatureKind =
  "fire_lane" | "exit" | "extinguisher" | "water_point" | "power_point";

export interface LayoutFeaturesTable {
  id: Generated<number>;
  layout_id: number;
  kind: LayoutFeatureKind;
  /** GeoJSON: a LineString for a fire lane, a Point for the others. */
  geometry: string;
  /** A fire lane's width. */
  width_m: number | null;
}

export interface LayoutRulesTable {
  zone_id: number;
  fire_lane_width_m: number;
  aisle_min_m: number;
  extinguisher_reach_m: number;
  exit_reach_m: number;
  power_reach_m: number;
  max_coverage: number;
  updated_at: string;
}

export interface StallsTable {
  id: Generated<number>;
  layout_id: number;
  code: string;
  /** A GeoJSON Polygon geometry, WGS84. */
  geometry: string;
  width_m: number;
  depth_m: number;
  has_power: Generated<Flag>;
  has_water: Generated<Flag>;
  fee_fen: number;
  public_welfare: Generated<Flag>;
}

export interface StallCategoriesTable {
  stall_id: number;
  category_slug: string;
}

export interface SessionTemplatesTable {
  id: Generated<number>;
  zone_id: number;
  kind: SessionKind;
  /** ISO weekday digits, Monday = 1, e.g. '1234567' or '67'. */
  weekdays: string;
  /** Local wall-clock time in the zone's time zone, 'HH:MM'. */
  start_time: string;
  end_time: string;
  created_at: string;
}

export interface VendorsTable {
  id: Generated<number>;
  user_id: number;
  name_en: string | null;
  legal_name: string;
  category_slug: string;
  products: string;
  products_en: string | null;
  home_community: string | null;
  status: VendorStatus;
  /** Why a manager asked for changes, rejected or suspended: the vendor reads it. */
  status_reason: string | null;
  /** Last day of a suspension, 'YYYY-MM-DD'. */
  suspended_until: string | null;
  rules_version: string | null;
  rules_accepted_at: string | null;
  /** When the vendor last sent their application for review. */
  submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  /** Secret in the URL of the vendor's private calendar feed; null until first asked for. */
  calendar_token: string | null;
  created_at: string;
  updated_at: string;
}

export type DocumentKind = "identity" | "business_licence" | "health_certificate" | "food_permit";

export interface DocumentsTable {
  id: Generated<number>;
  vendor_id: number;
  kind: DocumentKind;
  original_name: string;
  stored_name: string;
  content_type: string;
  size_bytes: number;
  /** The last day the paper is valid, 'YYYY-MM-DD'. */
  expires_on: string;
  uploaded_at: string;
  replaced_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  zone_id: number | null;
  /** JSON of the record before and after the change. */
  before: string | null;
  after: string | null;
  /** A counter clerk's act: the vendor it was done for. */
  for_vendor_id: number | null;
}

export interface CounterZonesTable {
  zone_id: number;
  user_id: number;
  created_at: string;
}

export interface CounterConsentsTable {
  id: Generated<number>;
  vendor_id: number;
  clerk_user_id: number;
  method: "sms_code" | "signed_form";
  stored_name: string | null;
  content_type: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  message_key: string;
  /** JSON object of the message's parameters. */
  params: Generated<string>;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
  status: Generated<OutboxStatus>;
  /** An SMS template kind (app/domain/sms-templates.ts) and its parameters as JSON. */
  kind: string | null;
  params: string | null;
  locale: string | null;
  user_id: number | null;
  /** What the message was about, e.g. `closure:12`: who was told of it, and who not. */
  topic: string | null;
  /** One message per key, ever: a reminder or notice a second run must not send again. */
  dedupe_key: string | null;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  /** A sending instance's hold; past it, another instance may try the message again. */
  claimed_until: string | null;
  provider: string | null;
  provider_message_id: string | null;
  provider_status: string | null;
}

export interface PhoneCodesTable {
  id: Generated<number>;
  phone: string;
  purpose: PhoneCodePurpose;
  user_id: number;
  /** SHA-256 of the code with the phone: a copy of the database does not show live codes. */
  code_hash: string;
  created_at: string;
  expires_at: string;
  tries: Generated<number>;
  used_at: string | null;
}

export type PhoneCodePurpose = "verify" | "reset" | "change" | "consent";

export type OutboxStatus = "queued" | "sending" | "sent" | "failed";

export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitHitsTable {
  key: string;
  at: string;
}

export type BookingStatus =
  "pending" | "confirmed" | "checked_in" | "no_show" | "cancelled" | "declined";

export interface ZoneSettingsTable {
  zone_id: number;
  booking_opens_days: number;
  booking_closes_minutes: number;
  weekly_quota: number;
  cancel_deadline_hours: number;
  requires_approval: Flag;
  /** JSON object: category slug → most stalls of that category in one session. */
  category_caps: string;
  updated_at: string;
  noshow_threshold: Generated<number>;
  noshow_window_days: Generated<number>;
  noshow_ban_days: Generated<number>;
  /** Check-in and walk-ups open this many minutes before the start (until the end). */
  check_in_opens_minutes: Generated<number>;
}

export interface ClosuresTable {
  id: Generated<number>;
  zone_id: number;
  /** First and last closed day, 'YYYY-MM-DD' in the zone. */
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface MarketEventsTable {
  id: Generated<number>;
  zone_id: number;
  local_date: string;
  start_time: string;
  end_time: string;
  title_zh: string;
  title_en: string;
  created_by: number | null;
  created_at: string;
}

/** Vendors booked in each session by category, kept by triggers on bookings and vendors. */
/** One row: bumped by triggers with every change to the facts pages keep (decision 033). */
export interface ReferenceGenerationTable {
  id: number;
  generation: number;
}

export interface SessionTalliesTable {
  zone_id: number;
  local_date: string;
  session_key: string;
  category_slug: string;
  /** Confirmed and checked-in bookings; 0 once they are all cancelled. */
  bookings: number;
}

export interface BookingsTable {
  id: Generated<number>;
  zone_id: number;
  stall_id: number;
  vendor_id: number;
  local_date: string;
  /** 't<template id>' or 'e<event id>'. */
  session_key: string;
  starts_at: string;
  ends_at: string;
  status: BookingStatus;
  fee_fen: number;
  fee_collected_fen: number | null;
  idempotency_key: string;
  series_id: string | null;
  cancelled_at: string | null;
  cancelled_late: Generated<Flag>;
  cancel_reason: string | null;
  checked_in_at: string | null;
  /** Assigned on the spot by a manager to a vendor who walked up. */
  walk_up: Generated<Flag>;
  created_at: string;
  updated_at: string;
}

export type WaitlistStatus = "waiting" | "offered" | "booked" | "expired" | "withdrawn";

export interface WaitlistEntriesTable {
  id: Generated<number>;
  zone_id: number;
  vendor_id: number;
  local_date: string;
  session_key: string;
  stall_id: number | null;
  status: WaitlistStatus;
  offered_stall_id: number | null;
  offer_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export type ReportCategory =
  | "hygiene"
  | "fire_safety"
  | "blocked_passage"
  | "noise"
  | "prices_weights"
  | "food_safety"
  | "other";
export type ReportStatus = "received" | "in_progress" | "resolved" | "closed";

export interface ProblemReportsTable {
  id: Generated<number>;
  zone_id: number;
  code: string;
  category: ReportCategory;
  description: string;
  photo_name: string | null;
  photo_type: string | null;
  lng: number | null;
  lat: number | null;
  /** Private to the zone's managers. */
  contact: string | null;
  reporter_user_id: number | null;
  status: ReportStatus;
  assigned_to: number | null;
  /** The answer the reporter reads: how it was resolved, or why it was closed. */
  reply: string | null;
  due_at: string;
  created_at: string;
  updated_at: string;
  /** When it was resolved or closed. */
  finished_at: string | null;
  /** Made from a stall's card: the stall, the session it was about, and who was booked there. */
  stall_code: string | null;
  local_date: string | null;
  session_key: string | null;
  vendor_id: number | null;
}

export type InspectionResult = "pass" | "issues" | "fail";

export interface InspectionsTable {
  id: Generated<number>;
  zone_id: number;
  local_date: string;
  session_key: string | null;
  inspector_user_id: number | null;
  result: InspectionResult;
  /** JSON: checklist item → 'ok' | 'issue' | 'na'. */
  checklist: string;
  findings: string;
  /** JSON array of stored photo names. */
  photos: Generated<string>;
  created_at: string;
}

export interface InspectionFollowupsTable {
  id: Generated<number>;
  inspection_id: number;
  action: string;
  due_on: string;
  done_at: string | null;
  done_by: number | null;
}

export type AnnouncementKind = "weather" | "event" | "rule" | "notice";

export interface AnnouncementsTable {
  id: Generated<number>;
  zone_id: number;
  kind: AnnouncementKind;
  title: string;
  body: string;
  starts_on: string;
  ends_on: string;
  created_by: number | null;
  created_at: string;
}

export type UploadPurpose = "document" | "report_photo" | "inspection_photo";

export interface UploadLedgerTable {
  id: Generated<number>;
  /** "user:12", or "address:203.0.113.7" for someone not signed in. */
  owner: string;
  purpose: UploadPurpose;
  stored_name: string;
  size_bytes: number;
  created_at: string;
}

/** One row (id 1) that /healthz rewrites, to prove the database takes writes. */
export interface HealthProbeTable {
  id: number;
  checked_at: string;
}

export interface BallotsTable {
  id: Generated<number>;
  public_id: string;
  zone_id: number;
  title_zh: string;
  title_en: string;
  first_date: string;
  last_date: string;
  opens_at: string;
  closes_at: string;
  newcomer_share: number;
  lookback_months: number;
  category_caps: Generated<string>;
  /** Secret until drawn_at. */
  seed: string;
  commitment: string;
  inputs_json: string | null;
  inputs_digest: string | null;
  closed_at: string | null;
  places_json: string | null;
  drawn_at: string | null;
  created_by: number | null;
  created_at: string;
  /** Only sessions of this kind; null: every session of its days. */
  session_kind: SessionKind | null;
}

/** One entry of a vendor's price list as written; replaced entries are kept (the history). */
export interface PriceItemsTable {
  id: Generated<number>;
  vendor_id: number;
  item: string;
  unit: PriceUnit;
  price_fen: number;
  origin: string | null;
  position: number;
  created_at: string;
  replaced_at: string | null;
}

/** What can cost a vendor points (app/domain/integrity.ts). */
export type IntegrityKind =
  "no_show" | "report_upheld" | "prices_not_shown" | "prices_differ" | "hygiene" | "safety";
/** What an inspector can find at one stall. */
export type StallFindingKind = "prices_not_shown" | "prices_differ" | "hygiene" | "safety";
export type IntegritySource = "booking" | "report" | "inspection_finding";
export type AppealState = "pending" | "upheld" | "rejected";

/** The county's rule for one kind of event: its points, and whether it is minor. */
export interface IntegrityRulesTable {
  kind: IntegrityKind;
  points: number;
  minor: Flag;
  updated_at: string | null;
  updated_by: number | null;
}

export interface InspectionFindingsTable {
  id: Generated<number>;
  inspection_id: number;
  stall_code: string;
  vendor_id: number;
  kind: StallFindingKind;
  note: string;
}

/** One recorded event on a vendor's integrity record, with its source and its outcome. */
export interface IntegrityEventsTable {
  id: Generated<number>;
  vendor_id: number;
  zone_id: number;
  kind: IntegrityKind;
  source_type: IntegritySource;
  source_id: number;
  local_date: string;
  points: number;
  minor: Flag;
  reason: string;
  created_at: string;
  annulled_at: string | null;
  annulled_by: number | null;
  annul_reason: string | null;
  appeal_text: string | null;
  appealed_at: string | null;
  appeal_state: AppealState | null;
  appeal_note: string | null;
  appeal_decided_at: string | null;
  appeal_decided_by: number | null;
}

/** A manager's correction after the draw: a winner moved to another stall, with the reason. */
export interface BallotCorrectionsTable {
  id: Generated<number>;
  ballot_id: number;
  application_public_id: string;
  from_stall: string;
  to_stall: string;
  reason: string;
  actor_user_id: number;
  created_at: string;
}

export interface BallotStallsTable {
  ballot_id: number;
  stall_id: number;
}

export type BallotApplicationStatus = "applied" | "withdrawn";

export interface BallotApplicationsTable {
  id: Generated<number>;
  ballot_id: number;
  vendor_id: number;
  public_id: string;
  own_produce: Generated<Flag>;
  preferences: string;
  any_stall: Flag;
  status: BallotApplicationStatus;
  created_at: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  categories: CategoriesTable;
  zones: ZonesTable;
  zone_managers: ZoneManagersTable;
  layouts: LayoutsTable;
  layout_features: LayoutFeaturesTable;
  layout_rules: LayoutRulesTable;
  problem_reports: ProblemReportsTable;
  inspections: InspectionsTable;
  inspection_followups: InspectionFollowupsTable;
  announcements: AnnouncementsTable;
  stalls: StallsTable;
  stall_categories: StallCategoriesTable;
  session_templates: SessionTemplatesTable;
  vendors: VendorsTable;
  documents: DocumentsTable;
  audit_log: AuditLogTable;
  counter_zones: CounterZonesTable;
  counter_consents: CounterConsentsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  phone_codes: PhoneCodesTable;
  password_resets: PasswordResetsTable;
  rate_limit_hits: RateLimitHitsTable;
  zone_settings: ZoneSettingsTable;
  closures: ClosuresTable;
  market_events: MarketEventsTable;
  bookings: BookingsTable;
  session_tallies: SessionTalliesTable;
  reference_generation: ReferenceGenerationTable;
  waitlist_entries: WaitlistEntriesTable;
  upload_ledger: UploadLedgerTable;
  health_probe: HealthProbeTable;
  ballots: BallotsTable;
  ballot_corrections: BallotCorrectionsTable;
  price_items: PriceItemsTable;
  integrity_rules: IntegrityRulesTable;
  inspection_findings: InspectionFindingsTable;
  integrity_events: IntegrityEventsTable;
  ballot_stalls: BallotStallsTable;
  ballot_applications: BallotApplicationsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Category = Selectable<CategoriesTable>;
export type Zone = Selectable<ZonesTable>;
export type NewZone = Insertable<ZonesTable>;
export type Layout = Selectable<LayoutsTable>;
export type Stall = Selectable<StallsTable>;
export type NewStall = Insertable<StallsTable>;
export type SessionTemplate = Selectable<SessionTemplatesTable>;
export type Vendor = Selectable<VendorsTable>;
export type NewVendor = Insertable<VendorsTable>;
export type VendorDocument = Selectable<DocumentsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Notification = Selectable<NotificationsTable>;
export type Booking = Selectable<BookingsTable>;
export type Closure = Selectable<ClosuresTable>;
export type MarketEvent = Selectable<MarketEventsTable>;
