// Remix 2's classic compiler builds the browser's scripts with esbuild's default charset, which
// writes every character beyond ASCII as \uXXXX: the Chinese catalogue and every Chinese string in
// the pages come out twice their UTF-8 size, and ~8 % larger after gzip. The compiler has no
// option for it; this sets esbuild's `charset: "utf8"` in its browser build (module scripts are
// always read as UTF-8). Runs after every install (postinstall), changes nothing when already
// applied, fails loudly when the code it expects is not there (a new Remix: check the option).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = dirname(require.resolve("@remix-run/dev/package.json"));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const path = join(root, "dist/compiler/js/compiler.js");
const from = '    minify: ctx.options.mode === "production",\n';
const to = from + '    charset: "utf8", // patches/remix-browser-utf8.mjs\n';

const code = readFileSync(path, "utf8");
if (!code.includes(to)) {
  if (!code.includes(from)) {
    console.error(
      `@remix-run/dev ${version}: the browser build does not hold the code this patch expects.`,
    );
    process.exit(1);
  }
  writeFileSync(path, code.replace(from, to));
  console.log(`@remix-run/dev ${version}: browser scripts are written in UTF-8.`);
}
