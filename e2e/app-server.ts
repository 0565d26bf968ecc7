// The built app as a child process, for the scripts and tests that need a real server of their
// own (bench, crash test, two instances): started in its own process group, waited for, stopped.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

/**
 * Starts the compiled server (`npm run build` first) on `port`, production settings, rate limits
 * off; from the project folder, or from `cwd` (the bench's render floor).
 */
export function startApp(
  port: number,
  env: Record<string, string>,
  {
    nodeArgs = [] as string[],
    stderr = "inherit" as "inherit" | "ignore",
    cwd = undefined as string | undefined,
  } = {},
): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, "--enable-source-maps", "build/server/server.js"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      RATE_LIMITS: "off",
      ...env,
    },
    stdio: ["ignore", "ignore", stderr],
    detached: true,
  });
}

/** Resolves once `/healthz` answers on `port`; fails after 30 s. */
export async function waitForApp(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The app on port ${port} did not start`);
}

/** SIGTERM to the app's process group, and waits for it to exit (its database closed). */
export async function stopApp(app: ChildProcess): Promise<void> {
  if (!app.pid || app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise((resolve) => app.once("exit", resolve));
  process.kill(-app.pid, "SIGTERM");
  await exited;
}

export interface BookingForm {
  stallId: number;
  localDate: string;
  sessionKey: string;
  key: string;
}

/** A vendor's Book button pressed, as a browser without JavaScript sends it; no redirect followed. */
export function postBooking(base: string, slug: string, cookie: string, form: BookingForm) {
  return fetch(`${base}/book/${slug}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
    },
    body: new URLSearchParams({
      stallId: String(form.stallId),
      localDate: form.localDate,
      sessionKey: form.sessionKey,
      key: form.key,
    }),
  });
}

/** The server's processes: the one started and its children (the cluster's workers), read from /proc. */
export function processTree(pid: number): number[] {
  const children = fs
    .readdirSync(`/proc/${pid}/task`)
    .flatMap((task) =>
      fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/),
    )
    .filter(Boolean)
    .map(Number);
  return [pid, ...children.flatMap(processTree)];
}
