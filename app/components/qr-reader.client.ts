// Reads a QR code in a photo, on the phone (the day sheet's receipt scan, issue 19). A .client
// module: the server build leaves it out, and jsQR with it (a build dependency only).
import jsQR from "jsqr";

/** The largest side a photo is read at: a phone's 12-megapixel photo is read as fast as a small one. */
const READ_SIDE = 1200;

export async function readQr(file: File): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, READ_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  const image = context.getImageData(0, 0, width, height);
  return jsQR(image.data, width, height)?.data ?? null;
}
