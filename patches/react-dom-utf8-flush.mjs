// React 18.3's Node stream renderer writes NUL bytes into pages with multi-byte text: when a
// string does not fit at the end of its 2,048-byte buffer, `writeStringChunk` flushes the whole
// buffer (`writeToDestination(destination, currentView)`) instead of the bytes written so far, so
// the unwritten tail goes out as zeros. React 19 flushes `currentView.subarray(0, writtenBytes)`;
// this applies the same one-line change to both builds of react-dom/server.node. It runs after
// every install (postinstall), changes nothing when already applied, and fails loudly when the
// code it expects is not there (a new React: check whether the patch is still needed).
// docs/decisions/012-react-stream-patch.md
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = dirname(require.resolve("react-dom/package.json"));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const fixes = [
  {
    file: "cjs/react-dom-server.node.development.js",
    from: "if (read < stringChunk.length) {\n    writeToDestination(destination, currentView);",
    to: "if (read < stringChunk.length) {\n    writeToDestination(destination, currentView.subarray(0, writtenBytes));",
  },
  {
    file: "cjs/react-dom-server.node.production.min.js",
    from: "d<b.length&&(t(a,k),",
    to: "d<b.length&&(t(a,k.subarray(0,l)),",
  },
];

if (!version.startsWith("18.")) {
  console.log(
    `react-dom ${version}: the React 18 stream patch does not apply (React 19 has the fix).`,
  );
} else {
  for (const { file, from, to } of fixes) {
    const path = join(root, file);
    const code = readFileSync(path, "utf8");
    if (code.includes(to)) continue;
    if (!code.includes(from)) {
      console.error(`react-dom ${version}: ${file} does not hold the code this patch expects.`);
      process.exit(1);
    }
    writeFileSync(path, code.replace(from, to));
    console.log(`react-dom ${version}: ${file} patched (no NUL bytes in streamed pages).`);
  }
}
