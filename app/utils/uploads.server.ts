// Uploaded papers and photos on disk: outside public/, under random names, read back only through a
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

/**
 * A stored upload as the response of a route that has already checked who is asking: never
 * cached, never sniffed into another type (helmet sends nosniff on every response), and
 * sandboxed should a browser render it.
 */
export async function uploadResponse(
  storedName: string,
  contentType: string,
  disposition: string,
): Promise<Response> {
  const bytes = await readUpload(storedName);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": disposition,
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
    },
  });
}
