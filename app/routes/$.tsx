import { notFound } from "~/utils/responses";
// Every URL no other route matches: a 404 rendered inside the app shell, in the reader's language.
export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
