import type { Kysely } from "kysely";
import type { Database, DocumentKind } from "#db/schema";
import { inTransaction } from "#db/transaction";
import { auditCounterAct } from "./audit.server";

export interface NewDocumentInput {
  vendorId: number;
  kind: DocumentKind;
  originalName: string;
  storedName: string;
  contentType: string;
  sizeBytes: number;
  expiresOn: string;
  now: Date;
  /** A counter clerk uploading from their scanner for the vendor. */
  clerkUserId?: number;
}

/** Adds a paper; an older one of the same kind is kept for the record but no longer counts. */
export async function addDocument(db: Kysely<Database>, input: NewDocumentInput): Promise<number> {
  const now = input.now.toISOString();
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable("documents")
      .set({ replaced_at: now })
      .where("vendor_id", "=", input.vendorId)
      .where("kind", "=", input.kind)
      .where("replaced_at", "is", null)
      .execute();
    const { id } = await trx
      .insertInto("documents")
      .values({
        vendor_id: input.vendorId,
        kind: input.kind,
        original_name: input.originalName.slice(0, 200),
        stored_name: input.storedName,
        content_type: input.contentType,
        size_bytes: input.sizeBytes,
        expires_on: input.expiresOn,
        uploaded_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditCounterAct(trx, input.clerkUserId, {
      vendorId: input.vendorId,
      action: "document.uploaded",
      entityType: "document",
      entityId: id,
      after: { kind: input.kind, expires_on: input.expiresOn },
      now: input.now,
    });
    return id;
  });
}

const documentColumns = [
  "id",
  "vendor_id",
  "kind",
  "original_name",
  "stored_name",
  "content_type",
  "size_bytes",
  "expires_on",
  "uploaded_at",
] as const;

/** The papers that count now (not replaced), newest first. */
export async function listCurrentDocuments(db: Kysely<Database>, vendorId: number) {
  return db
    .selectFrom("documents")
    .select(documentColumns)
    .where("vendor_id", "=", vendorId)
    .where("replaced_at", "is", null)
    .orderBy("id", "desc")
    .execute();
}

/** A vendor's own paper; undefined when it is someone else's. */
export async function getDocumentOfVendor(
  db: Kysely<Database>,
  { id, vendorId }: { id: number; vendorId: number },
) {
  return db
    .selectFrom("documents")
    .select(documentColumns)
    .where("id", "=", id)
    .where("vendor_id", "=", vendorId)
    .executeTakeFirst();
}

/** Any vendor's paper, for the managers and the office who review vendors county-wide. */
export async function getDocumentForReviewer(db: Kysely<Database>, id: number) {
  return db.selectFrom("documents").select(documentColumns).where("id", "=", id).executeTakeFirst();
}
