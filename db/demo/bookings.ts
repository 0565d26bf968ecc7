// The demo's regulars: vendors who keep the same stall at one market and come to every session.
// They fill the market pages and the vendor pages with something true to look at. Chengdong
// street market has none, and the stalls the journeys book (Fuxin's produce rows, Shuita A-04 to
// A-06, Jidian A-10, park C-01, Chengbei B-01) are left free, so tests find them as they expect.

/** Vendor number (as in vendorPhone) → where they stand. */
export const regularSpecs: { zone: string; stalls: [vendor: number, code: string][] }[] = [
  {
    zone: "fuxin-community",
    stalls: [
      [11, "C-01"],
      [13, "C-03"],
      [18, "D-01"],
      [34, "D-03"],
      [35, "D-04"],
      [23, "D-06"],
      [40, "W-01"],
    ],
  },
  {
    zone: "shuita-community",
    stalls: [
      [6, "A-09"],
      [20, "B-08"],
      [8, "B-10"],
      [15, "C-02"],
      [39, "W-01"],
    ],
  },
  {
    zone: "chengbei-civilisation",
    stalls: [
      [38, "W-01"],
      [41, "W-02"],
      [42, "W-03"],
      [25, "A-02"],
      [27, "A-03"],
      [37, "C-02"],
    ],
  },
  {
    zone: "longquan-park-evening",
    stalls: [
      [24, "A-01"],
      [26, "A-02"],
      [30, "A-04"],
      [17, "B-01"],
      [14, "B-02"],
      [36, "D-01"],
      [31, "G-01"],
      [32, "G-02"],
      [33, "G-03"],
    ],
  },
  {
    zone: "taihang-street-night",
    stalls: [
      [12, "A-01"],
      [16, "A-03"],
      [19, "B-02"],
      [28, "B-04"],
      [29, "B-06"],
      [21, "B-08"],
    ],
  },
  {
    zone: "jidian-rural-produce",
    stalls: [
      [3, "B-01"],
      [4, "B-03"],
      [9, "C-01"],
      [22, "D-01"],
    ],
  },
];

/** How far back regulars have been (checked in) and how far ahead they have booked. */
export const REGULAR_PAST_DAYS = 28;
export const REGULAR_AHEAD_DAYS = 14;
