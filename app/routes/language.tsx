import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setUserLocale } from "~/models/user.server";
import { getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { LanguageSchema } from "~/forms/small-actions.server";
import { parseForm, readFormData } from "~/utils/form.server";
import { localeCookie } from "~/utils/i18n.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const to = safeRedirect(form.get("redirectTo"));
  // An unknown language leaves the choice as it was: back to the page, nothing to explain.
  const parsed = parseForm(LanguageSchema, form);
  if (!parsed.ok) return redirect(to);
  // Messages sent to a phone are written in the language the person reads the site in.
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(db, user.id, parsed.data.locale);
  return redirect(to, {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}

export async function loader() {
  return redirect("/");
}
