// What makes a password acceptable: at least 8 characters, and not one of the 1,000 passwords
// people choose most often (the frequency-ordered list that zxcvbn-ts ships, plus the most
// common Chinese choices, which that list under-represents).
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

const CHINESE_FAVOURITES = [
  "woaini1314",
  "5201314",
  "woaini520",
  "a123456",
  "a12345678",
  "qq123456",
  "aa123456",
  "123456a",
  "123456789a",
  "1qaz2wsx",
  "1q2w3e4r",
  "zxcvbnm",
  "asd123456",
  "88888888",
  "66666666",
  "11223344",
  "147258369",
  "woaini123",
  "iloveyou",
  "abc123456",
];

const COMMON = new Set([
  ...(dictionary["passwords-common"] as string[]).slice(0, 1000),
  ...CHINESE_FAVOURITES,
]);

export type PasswordProblem = "tooShort" | "tooLong" | "tooCommon";

export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  if (COMMON.has(password.toLowerCase())) return "tooCommon";
  return null;
}
