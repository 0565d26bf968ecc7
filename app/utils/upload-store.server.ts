// Storing an upload within the quotas: per person and per day, everyone's per day, and a floor of
// free disk (docs/decisions/014-upload-quotas.md). Every stored file is written to the ledger.
import fs from "node:fs/promises";
import path from "node:path";
import type { UploadPurpose } from "#db/schema";
import { uploadRefusal, type UploadLimits, type UploadRefusal } from "~/domain/upload-quota";
import type { MessageKey } from "~/locales/zh-CN";
import { recordUpload, uploadUsageSince } from "~/models/upload-ledger.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import { removeUpload, saveUpload } from "./uploads.server";

const MB = 1024 * 1024;

export function uploadLimits(): UploadLimits {
  const env = getEnv();
  return {
    filesPerPersonPerDay: env.UPLOAD_FILES_PER_DAY,
    bytesPerPersonPerDay: env.UPLOAD_MB_PER_DAY * MB,
    bytesPerDay: env.UPLOAD_TOTAL_MB_PER_DAY * MB,
    minFreeBytes: env.UPLOAD_MIN_FREE_MB * MB,
  };
}

/** Free bytes on the disk that holds the uploads (for an unprivileged process). */
export async function freeUploadBytes(): Promise<number> {
  const dir = path.resolve(getEnv().UPLOAD_DIR);
  await fs.mkdir(dir, { recursive: true });
  const stats = await fs.statfs(dir);
  return stats.bavail * stats.bsize;
}

/** Who an upload counts against: the signed-in person, else the address it came from. */
export function uploadOwner(userId: number | null | undefined, clientIp: string): string {
  return userId ? `user:${userId}` : `address:${clientIp}`;
}

export const UPLOAD_REFUSAL_MESSAGE: Record<UploadRefusal["code"], MessageKey> = {
  files: "upload.refusal.files",
  bytes: "upload.refusal.bytes",
  busy: "upload.refusal.busy",
  disk: "upload.refusal.disk",
};

export type StoredUpload =
  | { ok: true; name: string }
  | {
      ok: false;
      error: MessageKey;
      params?: Record<string, number>;
      /** 507 when the disk is too full to take it, 429 when a quota is reached. */
      status: 429 | 507;
    };

/** Saves the file when the quotas allow it, and records it; else says why, storing nothing. */
export async function storeUpload(
  input: { owner: string; purpose: UploadPurpose; bytes: Uint8Array; ext: "jpg" | "png" | "pdf" },
  now: Date,
): Promise<StoredUpload> {
  const [usage, freeBytes] = await Promise.all([
    uploadUsageSince(db, input.owner, now),
    freeUploadBytes(),
  ]);
  const refusal = uploadRefusal(uploadLimits(), { ...usage, freeBytes }, input.bytes.byteLength);
  if (refusal)
    return {
      ok: false,
      error: UPLOAD_REFUSAL_MESSAGE[refusal.code],
      ...("params" in refusal ? { params: refusal.params } : {}),
      status: refusal.code === "disk" ? 507 : 429,
    };
  const name = await saveUpload(input.bytes, input.ext);
  try {
    await recordUpload(
      db,
      {
        owner: input.owner,
        purpose: input.purpose,
        storedName: name,
        sizeBytes: input.bytes.byteLength,
      },
      now,
    );
  } catch (error) {
    await removeUpload(name);
    throw error;
  }
  return { ok: true, name };
}
