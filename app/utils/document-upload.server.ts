// Reads a vendor's upload: refuses anything over 5 MB before it is all read, and anything that
// is not, by its own bytes, a whole JPEG, PNG or PDF.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { detectDocumentType, MAX_DOCUMENT_BYTES, type FileType } from "~/domain/documents";
import type { MessageKey } from "~/locales/zh-CN";

type Refused = { ok: false; fields: FormData | null; error: MessageKey; status: 400 | 413 };
type UploadedFile = { bytes: Uint8Array; name: string; type: FileType };

export type UploadResult = { ok: true; fields: FormData; file: UploadedFile } | Refused;
/** An upload whose file may be left out: `file` is null then. */
export type OptionalUploadResult =
  { ok: true; fields: FormData; file: UploadedFile | null } | Refused;

const ENVELOPE = 64 * 1024; // room for the other fields and multipart boundaries
const MAX_TEXT_FIELD = 10 * 1024;

class PartTooLarge extends Error {}

/**
 * Keeps each part in memory, counting as it reads: the moment a part passes its limit the
 * upload stops, so an oversized file is never read whole. (Our own handler rather than Remix's
 * memory handler, whose error class is not reliably the one we can import.)
 */
const uploadHandler: UploadHandler = async ({ filename, contentType, data }) => {
  const limit = typeof filename === "string" ? MAX_DOCUMENT_BYTES : MAX_TEXT_FIELD;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > limit) throw new PartTooLarge();
    chunks.push(chunk);
  }
  if (typeof filename === "string")
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  return new TextDecoder().decode(Buffer.concat(chunks));
};

/** A vendor's paper: the file is needed, and may be a JPEG, PNG or PDF. */
export async function readDocumentUpload(
  request: Request,
  fileField = "file",
): Promise<UploadResult> {
  return (await readUpload(request, fileField, {
    required: true,
    types: ["jpg", "png", "pdf"],
  })) as UploadResult;
}

/** A photo beside a form (a problem report, an inspection): optional, JPEG or PNG only. */
export async function readPhotoUpload(request: Request, fileField = "photo") {
  return readUpload(request, fileField, { required: false, types: ["jpg", "png"] });
}

/** A scan of a signed form beside a form: optional, JPEG, PNG or PDF. */
export async function readScanUpload(request: Request, fileField: string) {
  return readUpload(request, fileField, { required: false, types: ["jpg", "png", "pdf"] });
}

async function readUpload(
  request: Request,
  fileField: string,
  { required, types }: { required: boolean; types: FileType["ext"][] },
): Promise<OptionalUploadResult> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_DOCUMENT_BYTES + ENVELOPE) {
    return { ok: false, fields: null, error: "documents.error.tooLarge", status: 413 };
  }
  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(request, uploadHandler);
  } catch (error) {
    if (error instanceof PartTooLarge) {
      return { ok: false, fields: null, error: "documents.error.tooLarge", status: 413 };
    }
    return { ok: false, fields: null, error: "documents.error.unreadable", status: 400 };
  }
  const file = fields.get(fileField);
  if (!(file instanceof File) || file.size === 0) {
    if (!required) return { ok: true, fields, file: null };
    return { ok: false, fields, error: "documents.error.fileRequired", status: 400 };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectDocumentType(bytes);
  if (!type || !types.includes(type.ext))
    return { ok: false, fields, error: "documents.error.badType", status: 400 };
  return { ok: true, fields, file: { bytes, name: file.name, type } };
}
