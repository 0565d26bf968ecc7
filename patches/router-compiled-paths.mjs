// @remix-run/router 1.x compiles every route's path into a RegExp on every match: Remix matches
// a request three times (server routes, the static handler, the render), so a page request
// compiled about 250 regular expressions, ~13 % of a page's CPU. React Router 7 keeps the same
// function; this remembers its result per (path, caseSensitive, end), which is all it depends
// on (the returned RegExp has no `g` flag, so it keeps no state between uses). Runs after every
// install (postinstall), changes nothing when already applied, fails loudly when the code it
// expects is not there. docs/decisions/017-router-compiled-paths.md
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = dirname(require.resolve("@remix-run/router/package.json"));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const from = "function compilePath(path, caseSensitive, end) {\n";
const to = `const compiledPaths = new Map(); // patches/router-compiled-paths.mjs
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = compiledPaths.get(key);
  if (compiled === undefined) {
    // Route paths are few; patterns built at run time must not grow this without end.
    if (compiledPaths.size >= 1000) compiledPaths.clear();
    compiled = compileUncachedPath(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compileUncachedPath(path, caseSensitive, end) {
`;

for (const file of ["dist/router.cjs.js", "dist/router.js"]) {
  const path = join(root, file);
  const code = readFileSync(path, "utf8");
  if (code.includes(to)) continue;
  if (!code.includes(from)) {
    console.error(
      `@remix-run/router ${version}: ${file} does not hold the code this patch expects.`,
    );
    process.exit(1);
  }
  writeFileSync(path, code.replace(from, to));
  console.log(`@remix-run/router ${version}: ${file} patched (route paths compiled once).`);
}
