// What was uploaded, by whom and how big: the quotas read it, every stored upload writes it.
import type { Kysely } from "kysely";
import type { Database, UploadPurpose } from "#db/schema";

const DAY_MS = 86_400_000;

/** A person's and everyone's uploads in the 24 hours before `now`. */
export async function uploadUsageSince(db: Kysely<Database>, owner: string, now: Date) {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const [person, all] = await Promise.all([
    db
      .selectFrom("upload_ledger")
      .select((eb) => [
        eb.fn.countAll<number>().as("files"),
        eb.fn.coalesce(eb.fn.sum<number>("size_bytes"), eb.val(0)).as("bytes"),
      ])
      .where("owner", "=", owner)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("upload_ledger")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("size_bytes"), eb.val(0)).as("bytes"))
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    personFiles: Number(person.files),
    personBytes: Number(person.bytes),
    allBytes: Number(all.bytes),
  };
}

export async function recordUpload(
  db: Kysely<Database>,
  entry: { owner: string; purpose: UploadPurpose; storedName: string; sizeBytes: number },
  now: Date,
) {
  await db
    .insertInto("upload_ledger")
    .values({
      owner: entry.owner,
      purpose: entry.purpose,
      stored_name: entry.storedName,
      size_bytes: entry.sizeBytes,
      created_at: now.toISOString(),
    })
    .execute();
}
