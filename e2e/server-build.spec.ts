// The production server as `npm run serve` starts it: compiled ahead (no TypeScript loader, no
// esbuild service beside it) and on React's production build even when NODE_ENV is not set, as
// the README's quick start leaves it. Started on React's development build with NODE_ENV
// production, the server refuses to run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { processTree } from "./app-server";
import { E2E_SESSION_SECRET } from "./settings";

const PORT = 3116;

function run(args: string[], env: Record<string, string>) {
  const { NODE_ENV: _unset, ...inherited } = process.env;
  const childEnv: Record<string, string | undefined> = {
    ...inherited,
    PORT: String(PORT),
    DATABASE_URL: "file:data/e2e/server-build/jishi.db",
    UPLOAD_DIR: "data/e2e/server-build/uploads",
    SESSION_SECRET: E2E_SESSION_SECRET,
    ...env,
  };
  const child = spawn(process.execPath, args, {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, output: () => output, exited };
}

test("npm run serve runs compiled code on React's production build, with NODE_ENV unset", async () => {
  expect(fs.existsSync("build/server/server.js"), "npm run build makes build/server/").toBe(true);
  const server = run(["--enable-source-maps", "build/server/server.js"], {});
  try {
    await expect
      .poll(server.output, { timeout: 30_000 })
      .toContain(`Jishi is listening on http://localhost:${PORT} (React production build)`);
    const health = await fetch(`http://127.0.0.1:${PORT}/healthz`);
    expect(health.status).toBe(200);
    // Its child processes are its own server processes (one per core, app/cluster.ts), never a
    // TypeScript loader's esbuild service.
    const children = processTree(server.child.pid!)
      .slice(1)
      .map((child) => fs.readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0").join(" "));
    for (const command of children) {
      expect(command).toContain("build/server/server.js");
      // Each with its heap's two sizes, on Node 22 and 24 alike (app/cluster.ts).
      expect(command).toContain("--max-old-space-size=192");
      expect(command).toContain("--max-semi-space-size=16");
    }
    expect(server.output()).not.toContain("esbuild");
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
});

test("a server that loaded React's development build in production refuses to start", async () => {
  // The uncompiled entry without NODE_ENV: React chooses its development build at its first
  // import, while the server's settings say production. Before this check it served that way.
  const server = run(["--import", "tsx", "app/entry.express.ts"], {});
  const code = await server.exited;
  expect(code).toBe(1);
  expect(server.output()).toContain("React's development build was loaded in production");
});
