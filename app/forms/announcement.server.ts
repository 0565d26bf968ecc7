// The form rules of app/routes/manage.zones.$slug_.announcements.tsx, on the server only: zod stays out of the browser bundle.
import { z } from "zod";
import { type AnnouncementKind } from "#db/schema";
import { ANNOUNCEMENT_KINDS } from "~/domain/announcements";
import { isValidDate } from "~/domain/calendar";

export const AnnouncementSchema = z.object({
  kind: z.enum(ANNOUNCEMENT_KINDS as [AnnouncementKind, ...AnnouncementKind[]], {
    message: "announce.error.heading",
  }),
  title: z.string().trim().min(2, "announce.error.heading").max(60, "announce.error.heading"),
  body: z.string().trim().min(2, "announce.error.body").max(1000, "announce.error.body"),
  from: z.string().refine(isValidDate, "announce.error.dates"),
  to: z.string().refine(isValidDate, "announce.error.dates"),
});
