// The staff's messages, registered when a staff page's module loads (every app/routes/manage* and
// counter* route imports this): a resident's or vendor's browser never downloads them, a
// manager's has them before the page renders, in both languages (decision 028). A file with an
// effect of its own: package.json's "sideEffects" names it, so that the bundler keeps the import.
import { registerCatalogue } from "~/utils/i18n";
import { enStaff } from "./staff.en";
import { zhCNStaff } from "./staff.zh-CN";

registerCatalogue("zh-CN", zhCNStaff);
registerCatalogue("en", enStaff);
