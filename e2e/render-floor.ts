// The render floor (decision 037): what a page costs when its data costs nothing. The bench runs
// the same compiled server, with the same flags and processes, from a folder of its own whose
// build/index.js is the real build with one change: each loader answers, after its first call
// for a URL and cookie, what it answered then. What is left is Remix, React and turbo-stream
// rendering the same page from the same data, and the HTTP around it; a ratio goal above the
// floor's ratio cannot be met by making the loaders cheaper, only by rendering less.
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

/**
 * The real build's routes, each loader answering from memory after its first call. Answers
 * that are Responses (the trivial route's, redirects) are asked for every time. Kept as
 * JavaScript text because it runs inside the compiled server, beside the real build.
 */
function floorBuild(realBuild: string): string {
  const href = JSON.stringify(url.pathToFileURL(realBuild).href);
  return `// Written by e2e/render-floor.ts for \`npm run bench\`; not an app build.
import * as real from ${href};
export * from ${href};
const answers = new Map();
function answered(id, loader) {
  return async (args) => {
    const key = id + " " + args.request.url + " " + (args.request.headers.get("cookie") ?? "");
    if (answers.has(key)) return answers.get(key);
    const answer = await loader(args);
    if (!(answer instanceof Response)) answers.set(key, answer);
    return answer;
  };
}
export const routes = Object.fromEntries(
  Object.entries(real.routes).map(([id, route]) => [
    id,
    route.module.loader
      ? { ...route, module: { ...route.module, loader: answered(id, route.module.loader) } }
      : route,
  ]),
);
`;
}

/**
 * A folder to start the server from (`startApp`'s `cwd`) that serves the render floor of the
 * project's current build: the compiled server copied (it finds its project by the nearest
 * package.json, so a link would lead it back to the real build), public/ linked.
 */
export function prepareRenderFloor(project: string, folder: string): string {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, "build"), { recursive: true });
  fs.writeFileSync(
    path.join(folder, "package.json"),
    JSON.stringify({ name: "jishi-render-floor", private: true, type: "module" }),
  );
  fs.cpSync(path.join(project, "build", "server"), path.join(folder, "build", "server"), {
    recursive: true,
  });
  fs.copyFileSync(
    path.join(project, "build", "version.txt"),
    path.join(folder, "build", "version.txt"),
  );
  fs.writeFileSync(
    path.join(folder, "build", "index.js"),
    floorBuild(path.join(project, "build", "index.js")),
  );
  fs.symlinkSync(path.join(project, "public"), path.join(folder, "public"));
  return folder;
}
