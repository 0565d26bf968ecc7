// A drawn ballot's results file: the canonical inputs, their digest, the seed and the places,
// exactly what the verifiers read (docs/ballot-draw.md, section 4).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ballotResults } from "~/models/ballot.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/responses";

export async function loader({ params }: LoaderFunctionArgs) {
  const results = params.id ? await ballotResults(db, params.id) : null;
  if (!results) throw notFound();
  return new Response(JSON.stringify(results), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ballot-${params.id}-results.json"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
