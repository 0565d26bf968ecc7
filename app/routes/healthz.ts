import { proveWritable } from "~/models/health.server";
import { db } from "~/utils/db.server";
import { freeUploadBytes, uploadLimits } from "~/utils/upload-store.server";

const headers = { "Cache-Control": "no-store", "Content-Type": "text/plain" };
const MB = 1024 * 1024;

// For load balancers and monitors. 503 when the database does not take a write. 200 "degraded"
// when it does but the disk for uploads is below its floor (uploads are refused, everything
// else works): the instance stays in service and a monitor reading the body raises the alarm.
export async function loader() {
  try {
    await proveWritable(db, new Date());
  } catch (error) {
    console.error("healthz: database does not take writes", error);
    return new Response("database unavailable", { status: 503, headers });
  }
  const free = await freeUploadBytes().catch(() => 0);
  const floor = uploadLimits().minFreeBytes;
  if (free < floor)
    return new Response(
      `degraded: ${Math.floor(free / MB)} MB free for uploads, below the floor of ${Math.floor(floor / MB)} MB; uploads are refused`,
      { headers },
    );
  return new Response("ok", { headers });
}
