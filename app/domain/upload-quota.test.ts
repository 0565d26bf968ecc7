import { describe, expect, it } from "vitest";
import { uploadRefusal, type UploadLimits } from "./upload-quota";

const MB = 1024 * 1024;
const limits: UploadLimits = {
  filesPerPersonPerDay: 20,
  bytesPerPersonPerDay: 40 * MB,
  bytesPerDay: 2000 * MB,
  minFreeBytes: 500 * MB,
};
const usage = { personFiles: 0, personBytes: 0, allBytes: 0, freeBytes: 10_000 * MB };

describe("uploadRefusal", () => {
  it("lets a person's first papers of the day through", () => {
    expect(uploadRefusal(limits, usage, 5 * MB)).toBeNull();
  });

  it("stops the 21st file of a day, and the one that passes 40 MB", () => {
    expect(uploadRefusal(limits, { ...usage, personFiles: 19 }, MB)).toBeNull();
    expect(uploadRefusal(limits, { ...usage, personFiles: 20 }, MB)).toEqual({
      code: "files",
      params: { max: 20 },
    });
    expect(uploadRefusal(limits, { ...usage, personBytes: 36 * MB }, 4 * MB)).toBeNull();
    expect(uploadRefusal(limits, { ...usage, personBytes: 36 * MB }, 5 * MB)).toEqual({
      code: "bytes",
      params: { mb: 40 },
    });
  });

  it("stops everyone once the day's total is reached, and keeps the free-disk floor", () => {
    expect(uploadRefusal(limits, { ...usage, allBytes: 1999 * MB }, 2 * MB)).toEqual({
      code: "busy",
    });
    expect(uploadRefusal(limits, { ...usage, freeBytes: 504 * MB }, 5 * MB)).toEqual({
      code: "disk",
    });
    expect(uploadRefusal(limits, { ...usage, freeBytes: 506 * MB }, 5 * MB)).toBeNull();
  });
});
