// The large-text switch in the header: on or off, back to the same page.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { ElderSchema } from "~/forms/small-actions.server";
import { safeRedirect } from "~/utils/auth.server";
import { elderCookie } from "~/utils/elder.server";
import { parseForm, readFormData } from "~/utils/form.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const to = safeRedirect(form.get("redirectTo"));
  const parsed = parseForm(ElderSchema, form);
  if (!parsed.ok) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": elderCookie(parsed.data.elder === "on") } });
}

export async function loader() {
  return redirect("/");
}
