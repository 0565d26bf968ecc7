// Field rules for a zone's schedule and booking settings, shared by the form and its action.
import { z } from "zod";
import { isValidDate } from "~/domain/calendar";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "schedule.error.time");
const date = z.string().refine(isValidDate, "schedule.error.date");
const reason = z
  .string()
  .trim()
  .min(1, "schedule.error.reasonRequired")
  .max(200, "form.error.tooLong");

export const ClosureSchema = z
  .object({ intent: z.literal("addClosure"), startsOn: date, endsOn: date, reason })
  .refine((v) => v.startsOn <= v.endsOn, {
    path: ["endsOn"],
    message: "schedule.error.endBeforeStart",
  });

export const EventSchema = z
  .object({
    intent: z.literal("addEvent"),
    localDate: date,
    startTime: time,
    endTime: time,
    titleZh: z.string().trim().min(1, "schedule.error.titleRequired").max(60, "form.error.tooLong"),
    titleEn: z.string().trim().max(80, "form.error.tooLong").default(""),
  })
  .refine((v) => v.startTime !== v.endTime, {
    path: ["endTime"],
    message: "schedule.error.sameTimes",
  });

export const TemplateSchema = z
  .object({
    intent: z.literal("addTemplate"),
    kind: z.enum(["morning", "daytime", "evening", "night"], { message: "schedule.error.kind" }),
    weekdays: z.string().regex(/^[1-7]{1,7}$/, "schedule.error.weekdays"),
    startTime: time,
    endTime: time,
  })
  .refine((v) => v.startTime !== v.endTime, {
    path: ["endTime"],
    message: "schedule.error.sameTimes",
  });

const count = (max: number) =>
  z.coerce
    .number({ message: "schedule.error.number" })
    .int("schedule.error.number")
    .min(0, "schedule.error.number")
    .max(max, "schedule.error.number");

export const SettingsSchema = z.object({
  intent: z.literal("saveSettings"),
  bookingOpensDays: count(90),
  bookingClosesMinutes: count(24 * 60),
  weeklyQuota: count(50),
  cancelDeadlineHours: count(24 * 14),
  noShowThreshold: count(50),
  noShowWindowDays: count(365),
  noShowBanDays: count(365),
  checkInOpensMinutes: count(24 * 60),
  requiresApproval: z.literal("on").optional(),
});

export const RemoveSchema = z.object({
  intent: z.enum(["removeClosure", "removeEvent", "removeTemplate"]),
  id: z.coerce.number().int().positive(),
});

export const ResendSchema = z.object({
  intent: z.literal("resendMessage"),
  id: z.coerce.number().int().positive(),
});
