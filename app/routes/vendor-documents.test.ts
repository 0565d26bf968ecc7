// Uploading papers and reading them back, through the real loaders and actions.
import { describe, expect, it } from "vitest";
import { requestAs, settle, testContext, userIdByEmail } from "#db/testing/requests";
import { EXE_BYTES, TINY_PDF, TINY_PNG } from "~/domain/test-files";
import { db } from "~/utils/db.server";
import { action as uploadAction } from "./vendor.documents";
import { loader as documentLoader } from "./documents.$id";

const WANG = "vendor.wang@jishi.example";
const PENDING = "vendor.pending@jishi.example";

function uploadBody(
  file: Blob,
  name: string,
  kind = "health_certificate",
  expiresOn = "2030-06-30",
) {
  const form = new FormData();
  form.set("kind", kind);
  form.set("expiresOn", expiresOn);
  form.set("file", file, name);
  return form;
}

async function upload(email: string, body: FormData) {
  const request = await requestAs(email, "/vendor/documents", { method: "POST", body });
  return settle(() => uploadAction({ request, params: {}, context: testContext }));
}

type Refusal = { data: { errors: Record<string, string> }; init: { status: number } };

async function vendorIdOf(email: string) {
  const userId = await userIdByEmail(email);
  return (
    await db
      .selectFrom("vendors")
      .select("id")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow()
  ).id;
}

async function fetchDocument(email: string | null, id: number) {
  const request = await requestAs(email, `/documents/${id}`);
  return (await settle(() =>
    documentLoader({ request, params: { id: String(id) }, context: testContext }),
  )) as Response;
}

describe("uploading a paper", () => {
  it("stores a real PNG in place of the older paper of that kind, which is kept for the record", async () => {
    const vendorId = await vendorIdOf(WANG);
    const response = (await upload(
      WANG,
      uploadBody(new Blob([TINY_PNG]), "健康证.png"),
    )) as Response;
    expect(response.status).toBe(302);
    const docs = await db
      .selectFrom("documents")
      .selectAll()
      .where("vendor_id", "=", vendorId)
      .where("kind", "=", "health_certificate")
      .orderBy("id")
      .execute();
    expect(docs).toHaveLength(2);
    expect(docs[0]!.replaced_at).not.toBeNull();
    expect(docs[1]).toMatchObject({
      content_type: "image/png",
      expires_on: "2030-06-30",
      replaced_at: null,
    });
    expect(docs[1]!.stored_name).toMatch(/^[a-f0-9]{32}\.png$/);
  });

  it.each([
    ["a renamed executable", new Blob([EXE_BYTES]), "健康证.jpg", 400, "documents.error.badType"],
    [
      "a truncated PDF",
      new Blob([TINY_PDF.subarray(0, 60)]),
      "permit.pdf",
      400,
      "documents.error.badType",
    ],
    [
      "a 6 MB image",
      new Blob([TINY_PNG, new Uint8Array(6 * 1024 * 1024)]),
      "big.png",
      413,
      "documents.error.tooLarge",
    ],
  ])(
    "refuses %s with a message, and saves nothing",
    async (_name, blob, filename, status, message) => {
      const vendorId = await vendorIdOf(PENDING);
      const count = async () =>
        (await db.selectFrom("documents").select("id").where("vendor_id", "=", vendorId).execute())
          .length;
      const before = await count();
      const result = (await upload(PENDING, uploadBody(blob, filename))) as Refusal;
      expect(result.init.status).toBe(status);
      expect(result.data.errors.file).toBe(message);
      expect(await count()).toBe(before);
    },
  );

  it("refuses a paper that has already expired", async () => {
    const result = (await upload(
      PENDING,
      uploadBody(new Blob([TINY_PDF]), "id.pdf", "identity", "2020-01-01"),
    )) as Refusal;
    expect(result.init.status).toBe(400);
    expect(result.data.errors.expiresOn).toBe("documents.error.alreadyExpired");
  });

  it("refuses a manager, who has no papers to upload", async () => {
    const result = (await upload(
      "manager.parks@jishi.example",
      uploadBody(new Blob([TINY_PNG]), "x.png"),
    )) as Response;
    expect(result.status).toBe(403);
  });
});

describe("reading a paper back", () => {
  it("serves it to its owner and to a manager, as an attachment that is never cached", async () => {
    await upload(WANG, uploadBody(new Blob([TINY_PDF]), "id.pdf", "identity"));
    const doc = await db
      .selectFrom("documents")
      .select("id")
      .where("vendor_id", "=", await vendorIdOf(WANG))
      .where("kind", "=", "identity")
      .where("replaced_at", "is", null)
      .executeTakeFirstOrThrow();
    for (const who of [WANG, "manager.longquan@jishi.example", "office@jishi.example"]) {
      const response = await fetchDocument(who, doc.id);
      expect(response.status, who).toBe(200);
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
      // nosniff comes from the security middleware, once, on every response (e2e/security.spec.ts).
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(Buffer.from(await response.arrayBuffer()).equals(TINY_PDF)).toBe(true);
    }
  });

  it("answers 404 to another vendor, and sends a visitor to log in", async () => {
    await upload(WANG, uploadBody(new Blob([TINY_PNG]), "x.png", "business_licence"));
    const doc = await db
      .selectFrom("documents")
      .select("id")
      .where("vendor_id", "=", await vendorIdOf(WANG))
      .where("kind", "=", "business_licence")
      .executeTakeFirstOrThrow();
    expect((await fetchDocument(PENDING, doc.id)).status).toBe(404);
    const visitor = await fetchDocument(null, doc.id);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect((await fetchDocument(WANG, 987_654)).status).toBe(404);
  });
});
