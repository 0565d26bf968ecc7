import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    {
      // As in the Remix build, *.client files are empty on the server: they need a browser.
      name: "client-modules-are-empty-on-the-server",
      enforce: "pre",
      load: (id) => (/\.client\.[jt]sx?$/.test(id) ? "export {};" : undefined),
    },
  ],
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "patches/*.test.ts"],
    globalSetup: ["db/testing/global-setup.ts"],
    setupFiles: ["db/testing/setup-file.ts"],
    pool: "forks",
    // Password hashing is deliberately slow (scrypt at OWASP's cost): a test that logs in a dozen
    // times needs more than Vitest's 5 s on a busy 2-core machine.
    testTimeout: 30_000,
  },
});
