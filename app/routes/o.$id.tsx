// The short link in a waiting-list offer SMS (`/o/<entry>`): SMS parameters are capped at 35
// characters, so the link is short and lands on the vendor's bookings, where the offer's button
// takes the stall in one tap (after signing in, which brings them back here).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = /^\d{1,12}$/.test(params.id ?? "") ? params.id : null;
  return redirect(id ? `/vendor/bookings?offer=${id}#waitlist` : "/vendor/bookings#waitlist");
}
