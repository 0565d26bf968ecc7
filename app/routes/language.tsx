import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/utils/auth.server";
import { readFormData } from "~/utils/form.server";
import { isLocale } from "~/utils/i18n";
import { localeCookie } from "~/utils/i18n.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export async function loader() {
  return redirect("/");
}
