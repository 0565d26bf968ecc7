// Every URL no other route matches: a 404 rendered inside the app shell, in the reader's language.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
