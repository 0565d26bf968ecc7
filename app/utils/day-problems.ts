// A market-day action's refusal in words, for the day sheet and the receipt scan: every way one
// can fail, held by the compiler to the models' codes, and the time check-in opens when it is
// too early, on the market's clock.
import type { MessageKey } from "~/locales/zh-CN";
import type { DayResult, WalkUpResult } from "~/models/market-day.server";
import { formatLocalTime, type Params } from "./i18n";

type Failure<R> = Extract<R, { ok: false; code: string }>;

export const DAY_PROBLEM: Record<
  Failure<DayResult>["code"] | Failure<WalkUpResult>["code"] | "amount" | "bad",
  MessageKey
> = {
  notFound: "day.error.notFound",
  notAllowed: "day.error.notAllowed",
  tooEarly: "day.error.tooEarly",
  vendorNotFound: "day.error.vendorNotFound",
  vendorNotApproved: "day.error.vendorNotApproved",
  categoryNotAllowed: "day.error.categoryNotAllowed",
  documentsMissing: "day.error.documentsMissing",
  stallTaken: "day.error.stallTaken",
  alreadyBooked: "day.error.alreadyBooked",
  stallInBallot: "day.error.stallInBallot",
  stallNotFound: "day.error.notFound",
  checkInNotYet: "day.error.checkInNotYet",
  checkInOver: "day.error.checkInOver",
  amount: "day.error.amount",
  bad: "schedule.error.unknown",
};

export function dayProblem(
  result: Failure<DayResult> | Failure<WalkUpResult>,
  timeZone: string,
): { error: MessageKey; params?: Params } {
  return "opensAt" in result
    ? {
        error: DAY_PROBLEM[result.code],
        params: { time: formatLocalTime(result.opensAt, timeZone) },
      }
    : { error: DAY_PROBLEM[result.code] };
}
