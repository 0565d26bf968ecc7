// The production server's first module. React and Remix choose their development or production
// build when they are first imported, by NODE_ENV; ES modules are evaluated before the code of
// the module importing them, so it is set here, and the server is imported only after it.
// Compiled, app/entry.express.ts is a chunk of its own that loads at the import below.
import cluster from "node:cluster";
import os from "node:os";

process.env.NODE_ENV ??= "production";

/** Server processes: WEB_CONCURRENCY, else one per core; one under `npm run dev`. */
function serverProcesses(): number {
  if (process.env.NODE_ENV === "development") return 1;
  const asked = Number(process.env.WEB_CONCURRENCY);
  return Number.isSafeInteger(asked) && asked >= 1 ? asked : os.availableParallelism();
}

const processes = serverProcesses();
if (cluster.isPrimary && processes > 1) {
  const { runPrimary } = await import("./cluster");
  await runPrimary(processes);
} else {
  await import("./entry.express");
}
