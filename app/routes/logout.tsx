import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request, "/login?loggedOut=1");
}

// Logging out changes data, so it happens only by POST; a visit just goes home.
export async function loader() {
  return redirect("/");
}
