// The one description of every table, for Kysely. Keep it in step with db/migrations.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "vendor" | "manager" | "office";
export type ZoneKind = "community" | "street" | "park" | "night" | "rural";
export type ZoneStatus = "active" | "paused" | "closed";
export type LayoutStatus = "draft" | "submitted" | "approved" | "returned" | "superseded";
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
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
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
  stalls: StallsTable;
  stall_categories: StallCategoriesTable;
  session_templates: SessionTemplatesTable;
  vendors: VendorsTable;
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
