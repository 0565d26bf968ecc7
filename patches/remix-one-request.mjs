// Remix handed each loader and action a Request of its own: for every route of a page it parsed
// the URL twice and built two new Requests (copying every header) to strip `index` and `_routes`
// from the query, a few per cent of a page's CPU. Most requests carry neither, so the request is
// handed on as it came when its query names neither (the same URL, headers, body and signal the
// copies had). Runs after every install (postinstall), changes nothing when already applied,
// fails loudly when the code it expects is not there. docs/decisions/030-plain-links-and-one-commit-a-booking.md
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const MARK = "// patches/remix-one-request.mjs";
const root = dirname(require.resolve("@remix-run/server-runtime/package.json"));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const changes = [
  [
    "function stripIndexParam(request) {\n  let url = new URL(request.url);\n",
    `// Whether a URL's query may name a parameter: it holds the name, or an escape that could. ${MARK}
function mayName(url, name) {
  let query = url.indexOf("?");
  return query >= 0 && (url.includes(name, query) || url.includes("%", query));
}
function stripIndexParam(request) {
  if (!mayName(request.url, "index")) return request; ${MARK}
  let url = new URL(request.url);
`,
  ],
  [
    "function stripRoutesParam(request) {\n  let url = new URL(request.url);\n",
    `function stripRoutesParam(request) {
  if (!mayName(request.url, "_routes")) return request; ${MARK}
  let url = new URL(request.url);
`,
  ],
];

for (const file of ["dist/data.js", "dist/esm/data.js"]) {
  const path = join(root, file);
  let code = readFileSync(path, "utf8");
  if (code.includes(MARK)) continue;
  for (const [from, to] of changes) {
    if (code.split(from).length !== 2) {
      console.error(
        `@remix-run/server-runtime ${version}: ${file} does not hold the code this patch expects.`,
      );
      process.exit(1);
    }
    code = code.replace(from, () => to);
  }
  writeFileSync(path, code);
  console.log(
    `@remix-run/server-runtime ${version}: ${file} patched (one request for all loaders).`,
  );
}
