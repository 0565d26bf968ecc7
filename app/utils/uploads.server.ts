// Vendors' papers on disk: outside public/, under random names, read back only through a
// route that checks who is asking.
import fs from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { getEnv } from "./env.server";

const STORED_NAME = /^[a-f0-9]{32}\.(jpg|png|pdf)$/;

function uploadDir(): string {
  return path.resolve(getEnv().UPLOAD_DIR);
}

export async function saveUpload(bytes: Uint8Array, ext: "jpg" | "png" | "pdf"): Promise<string> {
  const name = `${randomBytes(16).toString("hex")}.${ext}`;
  await fs.mkdir(uploadDir(), { recursive: true });
  await fs.writeFile(path.join(uploadDir(), name), bytes, { flag: "wx", mode: 0o600 });
  return name;
}

export async function readUpload(storedName: string): Promise<Buffer> {
  // The name comes from our own database, but check its shape so no path can ever escape.
  if (!STORED_NAME.test(storedName)) throw new Error("Invalid stored file name");
  return fs.readFile(path.join(uploadDir(), storedName));
}

export async function removeUpload(storedName: string): Promise<void> {
  if (!STORED_NAME.test(storedName)) return;
  await fs.rm(path.join(uploadDir(), storedName), { force: true });
}
