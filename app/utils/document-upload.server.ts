// Reads a vendor's upload: refuses anything over 5 MB before it is all read, and anything that
// is not, by its own bytes, a whole JPEG, PNG or PDF.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { detectDocumentType, MAX_DOCUMENT_BYTES, type FileType } from "~/domain/documents";
import type { MessageKey } from "~/locales/zh-CN";

export type UploadResult =
  | { ok: true; fields: FormData; file: { bytes: Uint8Array; name: string; type: FileType } }
  | { ok: false; fields: FormData | null; error: MessageKey; status: 400 | 413 };

const ENVELOPE = 64 * 1024; // room for the other fields and multipart boundaries

export async function readDocumentUpload(
  request: Request,
  fileField = "file",
): Promise<UploadResult> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_DOCUMENT_BYTES + ENVELOPE) {
    return { ok: false, fields: null, error: "documents.error.tooLarge", status: 413 };
  }
  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, fields: null, error: "documents.error.tooLarge", status: 413 };
    }
    return { ok: false, fields: null, error: "documents.error.unreadable", status: 400 };
  }
  const file = fields.get(fileField);
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, fields, error: "documents.error.fileRequired", status: 400 };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectDocumentType(bytes);
  if (!type) return { ok: false, fields, error: "documents.error.badType", status: 400 };
  return { ok: true, fields, file: { bytes, name: file.name, type } };
}
