// The county's figures from plain rows: occupancy, no-shows, fees and public-welfare stalls per
// market and per week, and CSV for a spreadsheet. Pure: the model gathers the rows.
import type { BookingStatus } from "#db/schema";
import { weekStart } from "./calendar";

export interface BookingRow {
  zone_id: number;
  local_date: string;
  status: BookingStatus;
  fee_fen: number;
  fee_collected_fen: number | null;
  public_welfare: number;
}

export interface ZoneCapacity {
  zoneId: number;
  /** The sessions held in the period, each with its date. */
  sessionDates: string[];
  stalls: number;
}

/** Bookings that took a stall for the session: held, kept, or not kept. */
const TOOK_A_STALL: BookingStatus[] = ["pending", "confirmed", "checked_in", "no_show"];

export interface ZoneFigures {
  zoneId: number;
  sessions: number;
  capacity: number;
  booked: number;
  /** booked / capacity, 0–1; null without capacity. */
  occupancy: number | null;
  checkedIn: number;
  noShows: number;
  /** no-shows / (checked in + no-shows); null when none of either. */
  noShowRate: number | null;
  feesDueFen: number;
  feesCollectedFen: number;
  welfareProvided: number;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

export function zoneFigures(capacity: ZoneCapacity, bookings: BookingRow[]): ZoneFigures {
  const mine = bookings.filter((b) => b.zone_id === capacity.zoneId);
  const booked = mine.filter((b) => TOOK_A_STALL.includes(b.status)).length;
  const checkedIn = mine.filter((b) => b.status === "checked_in");
  const noShows = mine.filter((b) => b.status === "no_show").length;
  const seats = capacity.sessionDates.length * capacity.stalls;
  return {
    zoneId: capacity.zoneId,
    sessions: capacity.sessionDates.length,
    capacity: seats,
    booked,
    occupancy: ratio(booked, seats),
    checkedIn: checkedIn.length,
    noShows,
    noShowRate: ratio(noShows, checkedIn.length + noShows),
    // What was owed for the sessions vendors came to, and what was taken.
    feesDueFen: checkedIn.reduce((sum, b) => sum + b.fee_fen, 0),
    feesCollectedFen: checkedIn.reduce((sum, b) => sum + (b.fee_collected_fen ?? 0), 0),
    welfareProvided: checkedIn.filter((b) => b.public_welfare === 1).length,
  };
}

export interface WeekFigures {
  week: string;
  zoneId: number;
  capacity: number;
  booked: number;
  occupancy: number | null;
}

/** Capacity and bookings per market per week (weeks start on Monday). */
export function weeklyFigures(capacities: ZoneCapacity[], bookings: BookingRow[]): WeekFigures[] {
  const out = new Map<string, WeekFigures>();
  const entry = (zoneId: number, week: string) => {
    const key = `${zoneId}|${week}`;
    let e = out.get(key);
    if (!e) {
      e = { week, zoneId, capacity: 0, booked: 0, occupancy: null };
      out.set(key, e);
    }
    return e;
  };
  for (const c of capacities)
    for (const date of c.sessionDates) entry(c.zoneId, weekStart(date)).capacity += c.stalls;
  for (const b of bookings)
    if (TOOK_A_STALL.includes(b.status)) entry(b.zone_id, weekStart(b.local_date)).booked += 1;
  return [...out.values()]
    .map((w) => ({ ...w, occupancy: ratio(w.booked, w.capacity) }))
    .sort((a, b) => a.week.localeCompare(b.week) || a.zoneId - b.zoneId);
}

/** RFC 4180 CSV with a byte-order mark, so that spreadsheets read the Chinese right. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    // A leading = + - @ would be read as a formula by a spreadsheet: quote it as text.
    const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
