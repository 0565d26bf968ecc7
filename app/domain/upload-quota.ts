// How much one person, and everyone together, may upload in a day, and the free disk the server
// keeps: a vendor's papers, a resident's photo of a problem and a manager's inspection photos are
// small and few; a hundred megabytes in a minute from one account is abuse or a mistake.

export interface UploadLimits {
  filesPerPersonPerDay: number;
  bytesPerPersonPerDay: number;
  /** Everyone's uploads together in a day. */
  bytesPerDay: number;
  /** Below this much free disk no upload is stored, and /healthz says "degraded". */
  minFreeBytes: number;
}

export interface UploadUsage {
  /** This person's uploads in the last 24 hours. */
  personFiles: number;
  personBytes: number;
  /** Everyone's in the last 24 hours. */
  allBytes: number;
  /** Free disk where uploads are kept. */
  freeBytes: number;
}

export type UploadRefusal =
  | { code: "files"; params: { max: number } }
  | { code: "bytes"; params: { mb: number } }
  | { code: "busy" }
  | { code: "disk" };

const MB = 1024 * 1024;

/** Why an upload of `size` bytes may not be stored now, or null when it may. */
export function uploadRefusal(
  limits: UploadLimits,
  usage: UploadUsage,
  size: number,
): UploadRefusal | null {
  if (usage.freeBytes - size < limits.minFreeBytes) return { code: "disk" };
  if (usage.personFiles + 1 > limits.filesPerPersonPerDay)
    return { code: "files", params: { max: limits.filesPerPersonPerDay } };
  if (usage.personBytes + size > limits.bytesPerPersonPerDay)
    return { code: "bytes", params: { mb: Math.floor(limits.bytesPerPersonPerDay / MB) } };
  if (usage.allBytes + size > limits.bytesPerDay) return { code: "busy" };
  return null;
}
