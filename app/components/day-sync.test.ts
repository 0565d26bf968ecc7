import { describe, expect, it } from "vitest";
import { newActionKey, receiptBookingId, waitingFromForm } from "./day-sync";

const now = new Date("2026-11-30T21:00:00Z");
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("a day-sheet form kept on the phone", () => {
  it("becomes the action the sync sends, named for the page", () => {
    expect(
      waitingFromForm(
        form({ intent: "checkIn", bookingId: "41", code: "A-05", who: "王记", session: "s" }),
        "fuxin",
        now,
      ),
    ).toMatchObject({
      zone: "fuxin",
      action: { kind: "checkIn", bookingId: 41, recordedAt: now.toISOString() },
      label: { code: "A-05", who: "王记" },
    });
    const fee = waitingFromForm(
      form({ intent: "fee", bookingId: "41", amount: "2.5", expected: "", code: "A-05" }),
      "fuxin",
      now,
    );
    expect(fee?.action).toMatchObject({ kind: "fee", amountFen: 250, expectedFen: null });
    const walkUp = waitingFromForm(
      form({
        intent: "walkUp",
        stallId: "7",
        identifier: " 13800000009 ",
        session: "2026-11-30|m1",
        key: "walk-up-key-0001",
        code: "B-02",
      }),
      "fuxin",
      now,
    );
    expect(walkUp).toMatchObject({
      key: "walk-up-key-0001",
      action: { kind: "walkUp", stallId: 7, identifier: "13800000009", session: "2026-11-30|m1" },
      label: { code: "B-02", who: "13800000009" },
    });
  });

  it("is not kept when it needs the network or says too little: the server answers those", () => {
    const refused: Record<string, string>[] = [
      { intent: "confirm", bookingId: "41" },
      { intent: "decline", bookingId: "41" },
      { intent: "checkIn", bookingId: "x" },
      { intent: "checkIn", bookingId: "-3" },
      { intent: "fee", bookingId: "41", amount: "lots" },
      { intent: "walkUp", stallId: "7", identifier: " " },
      { intent: "delete", bookingId: "41" },
    ];
    for (const fields of refused)
      expect(waitingFromForm(form(fields), "fuxin", now), JSON.stringify(fields)).toBeNull();
  });

  it("makes keys the server accepts, each new", () => {
    const keys = new Set(Array.from({ length: 100 }, newActionKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it("reads the booking a receipt's QR code names, and nothing else", () => {
    const origin = "https://jishi.example";
    expect(receiptBookingId("https://jishi.example/manage/check-in/41", origin)).toBe(41);
    expect(receiptBookingId("/manage/check-in/7", origin)).toBe(7);
    expect(receiptBookingId("https://jishi.example/vendor/bookings/41", origin)).toBeNull();
    expect(receiptBookingId("WIFI:S:market;;", origin)).toBeNull();
    expect(receiptBookingId("https://jishi.example/manage/check-in/0", origin)).toBeNull();
  });
});
