import { pingDatabase } from "~/models/health.server";
import { db } from "~/utils/db.server";

const headers = { "Cache-Control": "no-store", "Content-Type": "text/plain" };

// 200 only when the database answers a query; 503 otherwise, for load balancers and monitors.
export async function loader() {
  try {
    await pingDatabase(db);
    return new Response("ok", { headers });
  } catch (error) {
    console.error("healthz: database unavailable", error);
    return new Response("database unavailable", { status: 503, headers });
  }
}
