// Answers a loader or action throws, the same way everywhere; the error boundary in root.tsx
// turns them into a translated page.

/** 404: what was asked for is not there, or not for this person (ids reveal nothing). */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}
