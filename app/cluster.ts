// Every core used: the primary process migrates the database once, then forks WEB_CONCURRENCY
// server processes that share one port (node:cluster hands out the connections). What must be
// shared already lives in the database (bookings, sessions, rate limits, the waiting list's
// claims); the primary passes on the one thing that is per process, "a change was made, empty
// your page cache", so that a change shows at once on every process (decision 016).
import cluster, { type Worker } from "node:cluster";
import { migrateDatabase } from "#db/migrate";
import { getEnv } from "./utils/env.server";
import { CLEAR_MESSAGE } from "./utils/page-cache.server";

/** Each half of a server process's young generation, in MB: Node 22's own. */
const YOUNG_HALF_MB = 16;

/** A worker that dies this soon after it started is failing to start: do not fork it again. */
const START_GRACE_MS = 10_000;

export async function runPrimary(processes: number): Promise<void> {
  const env = getEnv();
  // A heap of its own size for each server process: left to itself, V8 lets a busy process grow
  // to 400 MB and more before it collects; at 192 MB the bench's pages run as fast, in half.
  // Its young generation too: Node 22 keeps two halves of 16 MB, Node 24 lets them grow to 64 MB
  // each on a machine with this much memory, about 100 MB more a process under load.
  if (env.SERVER_HEAP_MB > 0) {
    const given = (flag: string) => process.execArgv.some((arg) => arg.startsWith(flag));
    const execArgv = [...process.execArgv];
    if (!given("--max-old-space-size")) execArgv.push(`--max-old-space-size=${env.SERVER_HEAP_MB}`);
    if (!given("--max-semi-space-size")) execArgv.push(`--max-semi-space-size=${YOUNG_HALF_MB}`);
    cluster.setupPrimary({ execArgv });
  }
  await migrateDatabase(env.DATABASE_URL);

  let stopping = false;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork({ JISHI_MIGRATED: "1" });
    started.set(worker.id, Date.now());
    worker.on("message", (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type !== CLEAR_MESSAGE.type) return;
      for (const other of Object.values(cluster.workers ?? {}))
        if (other && other !== worker && other.isConnected()) other.send(CLEAR_MESSAGE);
    });
  };
  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    console.error(`Server process ${worker.process.pid} ended (${signal ?? code})`);
    if (lived < START_GRACE_MS) {
      console.error("It ended while starting: stopping, rather than starting it again and again.");
      process.exit(1);
    }
    fork();
  });
  for (let i = 0; i < processes; i++) fork();
  console.log(`Jishi runs ${processes} server processes`);

  // SIGTERM: each process finishes its requests and closes the database, then the primary ends.
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    let left = workers.length;
    if (!left) process.exit(0);
    for (const worker of workers) {
      worker.once("exit", () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      worker.process.kill(signal);
    }
    setTimeout(() => process.exit(1), 12_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
