// A page request matched its URL against the app's 110 routes five times (the server's routes,
// the static handler, the render, and the render's route list for lazy route discovery, twice
// for /markets/…), and each match flattened and ranked the whole route tree again, with the
// render's routes built afresh from the manifest first: ~15 % of a page's CPU. The routes are
// the same on every request of a build, so on the server:
// - @remix-run/router (CommonJS, which only Node loads) keeps the ranked branches of a route
//   array, and the matches of the last few hundred paths, until that array is patched (lazy
//   discovery adds routes on the client only);
// - Remix's <RemixServer> builds its routes once per manifest and route modules;
// - React Router's createStaticRouter converts a route array to data routes once.
// Each result depends on nothing but its key, and nothing later changes it in place on the
// server. Runs after every install (postinstall), changes nothing when already applied, fails
// loudly when the code it expects is not there. docs/decisions/029-routes-matched-once.md
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const MARK = "// patches/remix-routes-once.mjs";

const edits = [
  {
    pkg: "@remix-run/router",
    file: "dist/router.cjs.js",
    changes: [
      [
        "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);\n",
        `  let kept = rankedBranches.get(routes); ${MARK}
  if (kept === undefined) {
    kept = { branches: flattenRoutes(routes), matched: new Map() };
    rankRouteBranches(kept.branches);
    rankedBranches.set(routes, kept);
  }
  let branches = kept.branches;
  let decoded = decodePath(pathname);
  let key = (allowPartial ? "1" : "0") + decoded;
  let matches = kept.matched.get(key);
  if (matches !== undefined) return copyMatches(matches);
  matches = null;
`,
      ],
      [
        "    matches = matchRouteBranch(branches[i], decoded, allowPartial);\n  }\n  return matches;\n}\n",
        `    matches = matchRouteBranch(branches[i], decoded, allowPartial);
  }
  // Paths are as many as the pages asked for: keep the last few hundred short ones. ${MARK}
  if (kept.matched.size >= 500) kept.matched.clear();
  if (key.length <= 200) kept.matched.set(key, matches);
  return copyMatches(matches);
}
// Callers may change what they are given; each gets its own matches, sharing one params object
// as matchRouteBranch's do. ${MARK}
function copyMatches(matches) {
  if (matches === null) return null;
  let params = { ...matches[0].params };
  return matches.map(match => ({ ...match, params }));
}
`,
      ],
      [
        "function flattenRoutes(routes, branches, parentsMeta, parentPath) {\n",
        `let rankedBranches = new WeakMap(); ${MARK}
function flattenRoutes(routes, branches, parentsMeta, parentPath) {
`,
      ],
      [
        "function patchRoutesImpl(routeId, children, routesToUse, manifest, mapRouteProperties) {\n",
        `function patchRoutesImpl(routeId, children, routesToUse, manifest, mapRouteProperties) {
  rankedBranches = new WeakMap(); ${MARK}: the tree changes in place
`,
      ],
    ],
  },
  {
    pkg: "@remix-run/react",
    file: "dist/server.js",
    changes: [
      [
        "  let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);\n",
        `  let routes$1 = serverRoutes.get(manifest.routes); ${MARK}
  if (routes$1 === undefined) {
    routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);
    serverRoutes.set(manifest.routes, routes$1);
  }
`,
      ],
      [
        "function RemixServer({\n",
        `// The route modules object is made anew for each request, from the build's modules: the
// manifest's routes are the key. ${MARK}
const serverRoutes = new WeakMap();
function RemixServer({
`,
      ],
    ],
  },
  {
    pkg: "react-router-dom",
    file: "server.js",
    changes: [
      [
        "  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);\n",
        `  let converted = convertedRoutes.get(routes); ${MARK}
  if (converted === undefined) {
    let manifest = {};
    converted = { manifest, dataRoutes: router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest) };
    convertedRoutes.set(routes, converted);
  }
  let { manifest, dataRoutes } = converted;
`,
      ],
      [
        "function createStaticRouter(routes, context, opts = {}) {\n",
        `const convertedRoutes = new WeakMap(); ${MARK}
function createStaticRouter(routes, context, opts = {}) {
`,
      ],
    ],
  },
];

for (const { pkg, file, changes } of edits) {
  const root = dirname(require.resolve(`${pkg}/package.json`));
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const path = join(root, file);
  let code = readFileSync(path, "utf8");
  if (code.includes(MARK)) continue;
  for (const [from, to] of changes) {
    if (code.split(from).length !== 2) {
      console.error(`${pkg} ${version}: ${file} does not hold the code this patch expects.`);
      process.exit(1);
    }
    code = code.replace(from, () => to);
  }
  writeFileSync(path, code);
  console.log(`${pkg} ${version}: ${file} patched (routes ranked once).`);
}
