// Every message of both languages, public and staff: for the server (which renders every page)
// and the tests. A browser loads the public catalogue of its language, and the staff's with the
// staff's pages (app/locales/staff.ts).
import { en } from "./en";
import { enStaff } from "./staff.en";
import { zhCNStaff } from "./staff.zh-CN";
import { zhCN, type MessageKey } from "./zh-CN";

export const allZhCN: Record<MessageKey, string> = { ...zhCN, ...zhCNStaff };
export const allEn: Record<MessageKey, string> = { ...en, ...enStaff };
