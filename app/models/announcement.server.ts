// Notices a market's managers post: on the market page while they concern the coming days, and
// in the inbox of every vendor booked on the days they concern.
import type { Kysely } from "kysely";
import { prepared } from "#db/prepared";
import type { AnnouncementKind, Database } from "#db/schema";
import { HOLDING_STATUSES } from "~/domain/booking-rules";
import { writeAudit } from "./audit.server";
import { notify } from "./notification.server";
import { keptReference } from "./reference.server";
import { topicOf } from "./outbox.server";
import { inTransaction } from "#db/transaction";

export interface NewAnnouncement {
  zoneId: number;
  userId: number;
  kind: AnnouncementKind;
  title: string;
  body: string;
  startsOn: string;
  endsOn: string;
}

export async function postAnnouncement(db: Kysely<Database>, input: NewAnnouncement, now: Date) {
  return inTransaction(db, async (trx) => {
    const announcement = await trx
      .insertInto("announcements")
      .values({
        zone_id: input.zoneId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_by: input.userId,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const zone = await trx
      .selectFrom("zones")
      .select(["slug", "name_zh", "name_en", "time_zone"])
      .where("id", "=", input.zoneId)
      .executeTakeFirstOrThrow();
    const vendors = await trx
      .selectFrom("bookings")
      .innerJoin("vendors", "vendors.id", "bookings.vendor_id")
      .select("vendors.user_id")
      .distinct()
      .where("bookings.zone_id", "=", input.zoneId)
      .where("bookings.local_date", ">=", input.startsOn)
      .where("bookings.local_date", "<=", input.endsOn)
      .where("bookings.status", "in", HOLDING_STATUSES)
      .execute();
    for (const v of vendors)
      await notify(trx, {
        userId: v.user_id,
        kind: "announcement",
        messageKey: "inbox.announcement",
        params: { market: zone.name_zh, marketEn: zone.name_en, title: input.title },
        link: `/markets/${zone.slug}`,
        // Not urgent: held through the market's quiet hours.
        sms: {
          kind: "announcement",
          timeZone: zone.time_zone,
          topic: topicOf("announcement", announcement.id),
        },
        now,
      });
    await writeAudit(trx, {
      actorUserId: input.userId,
      action: "announcement.posted",
      entityType: "announcement",
      entityId: announcement.id,
      zoneId: input.zoneId,
      after: {
        kind: input.kind,
        title: input.title,
        from: input.startsOn,
        to: input.endsOn,
        told: vendors.length,
      },
      now,
    });
    return { id: announcement.id, told: vendors.length };
  });
}

/** The notices still concerning today or later, soonest first. */
export async function currentAnnouncements(db: Kysely<Database>, zoneId: number, today: string) {
  // Announcements change a few times a week: kept (decision 033).
  return keptReference(db, `announcements:${zoneId}:${today}`, (db) =>
    announcementsFrom.all(db, { zoneId, today }),
  );
}

const announcementsFrom = prepared((db, p: { zoneId: number; today: string }) =>
  db
    .selectFrom("announcements")
    .select(["id", "kind", "title", "body", "starts_on", "ends_on", "created_at"])
    .where("zone_id", "=", p.zoneId)
    .where("ends_on", ">=", p.today)
    .orderBy("starts_on")
    .orderBy("id", "desc")
    .limit(20),
);
