import { describe, expect, it } from "vitest";
import { changesAccount, isKeptPage, keptPageKey, pageOf } from "./offline";

describe("what the installable app keeps for reading offline", () => {
  it("keeps public pages, a vendor's bookings and receipts, and the day sheet, with their data", () => {
    for (const path of [
      "/",
      "/_root.data",
      "/markets",
      "/markets/fuxin-community",
      "/markets/fuxin-community.data",
      "/vendors/12",
      "/vendor",
      "/vendor/bookings",
      "/vendor/bookings/41",
      "/vendor/bookings/41.data",
      "/manage/zones/fuxin-community/day",
      "/manage/zones/fuxin-community/day.data",
      "/__manifest",
    ])
      expect(isKeptPage(path), path).toBe(true);
  });

  it("does not keep forms, account pages, the office's tools or files", () => {
    for (const path of [
      "/login",
      "/join",
      "/account/password",
      "/vendor/documents",
      "/vendor/profile",
      "/manage",
      "/manage/audit",
      "/manage/zones/fuxin-community",
      "/manage/zones/fuxin-community/day/sync",
      "/manage/check-in/5",
      "/book/fuxin-community",
      "/markets/fuxin-community/calendar.ics",
      "/markets.geojson",
      "/documents/3",
    ])
      expect(isKeptPage(path), path).toBe(false);
  });

  it("reads a data request as the page it belongs to", () => {
    expect(pageOf("/_root.data")).toBe("/");
    expect(pageOf("/vendor/bookings.data")).toBe("/vendor/bookings");
    expect(pageOf("/vendor/bookings")).toBe("/vendor/bookings");
  });

  it("keeps a page under its address without what just happened or what was scanned", () => {
    const key = (href: string) => keptPageKey(new URL(href));
    expect(key("https://x.cn/manage/zones/a/day?session=2026-11-30%7Cm1&done=checkIn")).toBe(
      "https://x.cn/manage/zones/a/day?session=2026-11-30%7Cm1",
    );
    expect(key("https://x.cn/manage/zones/a/day?scan=12&session=s")).toBe(
      key("https://x.cn/manage/zones/a/day?session=s"),
    );
    // Data requests stay apart from their page, and their order of parameters does not matter.
    expect(key("https://x.cn/vendor.data?_routes=root&b=1")).toBe(
      key("https://x.cn/vendor.data?b=1&_routes=root"),
    );
    expect(key("https://x.cn/vendor.data")).not.toBe(key("https://x.cn/vendor"));
  });

  it("forgets the kept pages before a form that may change who uses the phone", () => {
    for (const path of ["/login", "/logout", "/join", "/reset-password/abc", "/counter"])
      expect(changesAccount("POST", path), path).toBe(true);
    expect(changesAccount("GET", "/logout")).toBe(false);
    expect(changesAccount("POST", "/manage/zones/a/day")).toBe(false);
  });
});
